using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tracking.Reports.Shared;

/// <summary>A report's query string, checked against the parameters that report knows, and its route values.</summary>
public sealed class ReportQueryString(IQueryCollection query, RouteValueDictionary? route = null)
{
    public string this[string name] => query[name].ToString();

    /// <summary>A value of the report's path (such as {account}), empty when it has none.</summary>
    public string Route(string name) => Convert.ToString(route?.GetValueOrDefault(name), CultureInfo.InvariantCulture) ?? string.Empty;
    /// <summary>Every value of a repeatable parameter, in the order given.</summary>
    public IReadOnlyList<string> Values(string name) => query[name].Select(v => v ?? string.Empty).ToList();

    /// <summary>An error naming the first parameter the report does not know or that is given twice, else null.</summary>
    public string? Unknown(IReadOnlyCollection<ReportParameter> known)
    {
        foreach (var (name, values) in query)
        {
            var parameter = known.FirstOrDefault(p => p.Name == name);
            if (parameter is null)
            {
                return $"{name}: unknown parameter; this report takes {string.Join(", ", known.Select(p => p.Name))}";
            }

            if (values.Count > 1 && !parameter.Repeatable)
            {
                return $"{name}: given more than once";
            }
        }

        return null;
    }
}
