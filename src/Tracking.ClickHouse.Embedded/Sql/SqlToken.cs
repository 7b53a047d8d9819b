using System.Text;

namespace Tracking.ClickHouse.Embedded.Sql;

internal enum SqlTokenKind
{
    Word,
    Number,
    QuotedIdentifier,
    StringLiteral,
    Punctuation,

    /// <summary>A string, quoted name or comment that runs to the end of the text.</summary>
    Unterminated,
}

/// <summary>A lexical token as byte offsets into UTF-8 SQL text.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int End)
{
    public bool IsWord(ReadOnlySpan<byte> text, string keyword) =>
        Kind == SqlTokenKind.Word && End - Start == keyword.Length && Ascii.EqualsIgnoreCase(text[Start..End], keyword);

    public bool IsPunctuation(ReadOnlySpan<byte> text, byte character) =>
        Kind == SqlTokenKind.Punctuation && text[Start] == character;
}
