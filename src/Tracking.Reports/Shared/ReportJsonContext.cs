using System.Text.Json.Serialization;
using Tracking.Reports.AccountDetail;
using Tracking.Reports.Accounts;
using Tracking.Reports.Breakdown;
using Tracking.Reports.Clicks;
using Tracking.Reports.Exits;
using Tracking.Reports.Features;
using Tracking.Reports.Funnel;
using Tracking.Reports.Landing;
using Tracking.Reports.Paths;
using Tracking.Reports.Timeseries;

namespace Tracking.Reports.Shared;

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LandingReportResponse))]
[JsonSerializable(typeof(TimeseriesResponse))]
[JsonSerializable(typeof(BreakdownResponse))]
[JsonSerializable(typeof(AccountsResponse))]
[JsonSerializable(typeof(FeaturesResponse))]
[JsonSerializable(typeof(AccountDetailResponse))]
[JsonSerializable(typeof(FunnelResponse))]
[JsonSerializable(typeof(FunnelStepsResponse))]
[JsonSerializable(typeof(ClicksResponse))]
[JsonSerializable(typeof(ExitsResponse))]
[JsonSerializable(typeof(PathsResponse))]
[JsonSerializable(typeof(ReportError))]
public sealed partial class ReportJsonContext : JsonSerializerContext;

/// <summary>What a report answers instead of rows: the message names the parameter at fault.</summary>
public sealed record ReportError(string Error);
