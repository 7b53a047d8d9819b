using ClickHouse.Driver.ADO.Parameters;
using Tracking.Enrichment;

namespace Tracking.Reports.Shared;

/// <summary>
/// The filters every report takes: sessions whose keyword, landing page, source and device equal the given
/// values (each optional, all must hold). Values reach ClickHouse as query parameters.
/// </summary>
public sealed record SessionFilters(string? Keyword = null, string? Page = null, string? Source = null, string? Device = null)
{
    public static readonly SessionFilters None = new();

    /// <summary>The query string names of the filters.</summary>
    public static readonly string[] Names = ["keyword", "page", "source", "device"];

    private const int MaxLength = 2048;

    /// <summary>Source and device are the first page view's, which only the joined session model has.</summary>
    public bool NeedSource => Source is not null || Device is not null;

    /// <summary>SQL conditions over the session model's columns, each starting with AND; empty without filters.</summary>
    public string Sql() =>
        string.Concat(
            Keyword is null ? string.Empty : " AND keyword = {filterKeyword:String}",
            Page is null ? string.Empty : " AND landing_page = {filterPage:String}",
            Source is null ? string.Empty : " AND source = {filterSource:String}",
            Device is null ? string.Empty : " AND device = {filterDevice:String}");

    public void AddParameters(ClickHouseParameterCollection parameters)
    {
        foreach (var (name, value) in new[] { ("filterKeyword", Keyword), ("filterPage", Page), ("filterSource", Source), ("filterDevice", Device) })
        {
            if (value is not null)
            {
                parameters.Add(new ClickHouseDbParameter { ParameterName = name, Value = value });
            }
        }
    }

    /// <summary>
    /// Reads the filters from a query string; an empty value is no filter. A report whose own subject is a page
    /// takes the landing-page filter under <paramref name="pageParameter"/> instead.
    /// </summary>
    public static (SessionFilters? Filters, string? Error) Parse(ReportQueryString query, string pageParameter = "page")
    {
        var values = new string?[Names.Length];
        for (var i = 0; i < Names.Length; i++)
        {
            var name = Names[i] == "page" ? pageParameter : Names[i];
            var text = query[name];
            if (text.Length > MaxLength)
            {
                return (null, $"{name}: at most {MaxLength} characters");
            }

            values[i] = text.Length == 0 ? null : text;
        }

        if (values[3] is { } device && !DeviceTypes.All.Contains(device))
        {
            return (null, $"device: must be one of {string.Join(", ", DeviceTypes.All)}");
        }

        return (new SessionFilters(values[0], values[1], values[2], values[3]), null);
    }
}
