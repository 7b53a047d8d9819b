namespace Tracking.Reports.Accounts;

/// <summary>
/// What the accounts report is ordered by: <c>risk</c> (the levels of <see cref="ChurnRisk.All"/>, then the lowest
/// recent rate relative to the baseline first), <c>events</c> (recent events, most first) or <c>name</c> (A to Z);
/// ties by account id.
/// </summary>
public enum AccountsSort
{
    Risk,
    Events,
    Name,
}
