using System.Data;
using System.Globalization;

namespace Tracking.Reports.Shared;

/// <summary>Reads a report's numeric columns whatever integer type ClickHouse gave them (count() is UInt64, grouping() UInt8...).</summary>
public static class ReportColumns
{
    public static long Count(this IDataRecord reader, int column) => Convert.ToInt64(reader.GetValue(column), CultureInfo.InvariantCulture);

    public static int Whole(this IDataRecord reader, int column) => Convert.ToInt32(reader.GetValue(column), CultureInfo.InvariantCulture);

    public static double Number(this IDataRecord reader, int column) => Convert.ToDouble(reader.GetValue(column), CultureInfo.InvariantCulture);
}
