using Tracking.Reports.Shared;

namespace Tracking.Reports.AccountDetail;

/// <summary>One account's page: its usage in the range.</summary>
public sealed record AccountDetailQuery(string Account, ReportRange Range);
