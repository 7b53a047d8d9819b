using System.Text.Json.Serialization;

namespace Tracking.Reports;

/// <summary>The landing report's HTTP answer.</summary>
public sealed record LandingReportResponse(IReadOnlyList<LandingReportRow> Rows);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LandingReportResponse))]
[JsonSerializable(typeof(ReportError))]
public sealed partial class ReportJsonContext : JsonSerializerContext;

public sealed record ReportError(string Error);
