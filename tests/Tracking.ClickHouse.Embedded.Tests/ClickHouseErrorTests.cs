using System.Net;
using Tracking.ClickHouse.Embedded.Engine;

namespace Tracking.ClickHouse.Embedded.Tests;

public sealed class ClickHouseErrorTests
{
    [Fact]
    public void Nested_chdb_errors_read_like_a_servers()
    {
        var error = ClickHouseError.Parse(
            "Code: 73. DB::Exception: Code: 73. DB::Exception: Code: 73. DB::Exception: Unknown format Nope. (UNKNOWN_FORMAT) " +
            "(version 26.5.1.1). (UNKNOWN_FORMAT) (version 26.5.1.1). (UNKNOWN_FORMAT)");

        Assert.Equal(73, error.Code);
        Assert.Equal("UNKNOWN_FORMAT", error.Name);
        Assert.Equal("Code: 73. DB::Exception: Unknown format Nope. (UNKNOWN_FORMAT) (version 26.5.1.1)", error.Message);
        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatus);
    }

    [Theory]
    [InlineData("Code: 62. DB::Exception: Syntax error: failed at position 1. (SYNTAX_ERROR)", 62, HttpStatusCode.BadRequest)]
    [InlineData("Code: 60. DB::Exception: Unknown table expression identifier 'x'. (UNKNOWN_TABLE)", 60, HttpStatusCode.NotFound)]
    [InlineData("Code: 395. DB::Exception: Value passed to 'throwIf' function is non-zero. (FUNCTION_THROW_IF_VALUE_IS_NON_ZERO)", 395, HttpStatusCode.InternalServerError)]
    [InlineData("something odd", 1002, HttpStatusCode.InternalServerError)]
    public void Maps_codes_to_http_statuses(string text, int code, HttpStatusCode status)
    {
        var error = ClickHouseError.Parse(text);

        Assert.Equal(code, error.Code);
        Assert.Equal(status, error.HttpStatus);
        Assert.StartsWith($"Code: {code}. DB::Exception: ", error.Message, StringComparison.Ordinal);
    }
}
