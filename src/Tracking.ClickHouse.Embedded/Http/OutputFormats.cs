namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>The Content-Type ClickHouse sends for each family of output formats.</summary>
internal static class OutputFormats
{
    public static string ContentType(string format) => format switch
    {
        _ when Starts(format, "TabSeparated") || Starts(format, "TSV") => "text/tab-separated-values; charset=UTF-8",
        _ when Starts(format, "CSV") => "text/csv; charset=UTF-8; header=" + (format.Contains("Names", StringComparison.Ordinal) ? "present" : "absent"),
        _ when Starts(format, "JSON") || Starts(format, "NDJSON") => "application/json; charset=UTF-8",
        _ when Starts(format, "RowBinary") || Starts(format, "Native") || Starts(format, "Parquet") || Starts(format, "Arrow")
            || Starts(format, "ORC") || Starts(format, "Avro") || Starts(format, "Protobuf") || Starts(format, "MsgPack")
            || Starts(format, "Npy") || Starts(format, "BSON") || Starts(format, "CapnProto") => "application/octet-stream",
        _ => "text/plain; charset=UTF-8",
    };

    private static bool Starts(string format, string prefix) => format.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}
