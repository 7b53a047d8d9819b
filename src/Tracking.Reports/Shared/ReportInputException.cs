namespace Tracking.Reports.Shared;

/// <summary>
/// Input a report can only judge once it reads the data (a key path with fewer than 2 steps in the range):
/// answered as a 400 whose message names the parameter, like the errors of parsing.
/// </summary>
public sealed class ReportInputException(string message) : Exception(message);
