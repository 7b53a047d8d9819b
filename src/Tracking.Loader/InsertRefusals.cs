using ClickHouse.Driver;

namespace Tracking.Loader;

/// <summary>
/// Which refusals of an insert retrying the same insert can never fix, but a smaller insert may: the rows
/// fall into too many partitions, a value the table's type refuses, a string too large. Each is a fact of
/// the rows, so a replay after a crash meets the same refusal and splits the same way.
/// </summary>
internal static class InsertRefusals
{
    private const int TooManyParts = 252;

    private static readonly HashSet<int> Permanent =
    [
        6,   // CANNOT_PARSE_TEXT
        27,  // CANNOT_PARSE_INPUT_ASSERTION_FAILED
        33,  // CANNOT_READ_ALL_DATA
        41,  // CANNOT_PARSE_DATETIME
        53,  // TYPE_MISMATCH
        69,  // ARGUMENT_OUT_OF_BOUND
        70,  // CANNOT_CONVERT_TYPE
        117, // INCORRECT_DATA
        131, // TOO_LARGE_STRING_SIZE

        // Not MEMORY_LIMIT_EXCEEDED (241): the same code means "other queries took the memory", which passes;
        // split and dead-lettered, a busy minute would lose valid rows.
    ];

    public static bool IsPermanent(Exception exception) => exception is ClickHouseServerException e
        && (Permanent.Contains(e.ErrorCode)

            // The same code also means "merges lag behind inserts", which waiting does fix.
            || (e.ErrorCode == TooManyParts && e.Message.Contains("Too many partitions for single INSERT block", StringComparison.Ordinal)));
}
