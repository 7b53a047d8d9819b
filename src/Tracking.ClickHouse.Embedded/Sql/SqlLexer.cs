namespace Tracking.ClickHouse.Embedded.Sql;

/// <summary>
/// Just enough of ClickHouse's lexer to find statement boundaries and the INSERT clauses that decide
/// where inline data starts: whitespace, comments, quoted strings and names are skipped so that a
/// keyword inside them is never mistaken for structure. It never interprets values.
/// </summary>
internal ref struct SqlLexer
{
    private readonly ReadOnlySpan<byte> _text;
    private int _position;

    public SqlLexer(ReadOnlySpan<byte> text, int start = 0)
    {
        _text = text;
        _position = start;
    }

    public readonly int Position => _position;

    public bool Next(out SqlToken token)
    {
        SkipWhitespaceAndComments();
        if (_position >= _text.Length)
        {
            token = default;
            return false;
        }

        var start = _position;
        var c = _text[_position];
        var kind = c switch
        {
            (byte)'\'' => ReadQuoted((byte)'\'', SqlTokenKind.StringLiteral),
            (byte)'"' or (byte)'`' => ReadQuoted(c, SqlTokenKind.QuotedIdentifier),
            _ when IsWordStart(c) => ReadWhile(SqlTokenKind.Word, IsWordPart),
            _ when char.IsAsciiDigit((char)c) => ReadWhile(SqlTokenKind.Number, b => IsWordPart(b) || b == '.'),
            _ => ReadSingle(),
        };
        token = new SqlToken(kind, start, _position);
        return true;
    }

    private static bool IsWordStart(byte b) => char.IsAsciiLetter((char)b) || b == '_' || b >= 0x80;

    private static bool IsWordPart(byte b) => IsWordStart(b) || char.IsAsciiDigit((char)b) || b == '$';

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v';

    private SqlTokenKind ReadSingle()
    {
        _position++;
        return SqlTokenKind.Punctuation;
    }

    private SqlTokenKind ReadWhile(SqlTokenKind kind, Func<byte, bool> part)
    {
        _position++;
        while (_position < _text.Length && part(_text[_position]))
        {
            _position++;
        }

        return kind;
    }

    /// <summary>Backslash escapes and doubled quotes, as ClickHouse reads them.</summary>
    private SqlTokenKind ReadQuoted(byte quote, SqlTokenKind kind)
    {
        _position++;
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '\\')
            {
                _position++;
            }
            else if (c == quote)
            {
                if (_position < _text.Length && _text[_position] == quote)
                {
                    _position++;
                    continue;
                }

                return kind;
            }
        }

        _position = _text.Length;
        return SqlTokenKind.Unterminated;
    }

    private void SkipWhitespaceAndComments()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            var next = _position + 1 < _text.Length ? _text[_position + 1] : (byte)0;
            if (IsWhitespace(c))
            {
                _position++;
            }
            else if ((c == '-' && next == '-') || (c == '#' && next is (byte)' ' or (byte)'!'))
            {
                var end = _text[_position..].IndexOf((byte)'\n');
                _position = end < 0 ? _text.Length : _position + end + 1;
            }
            else if (c == '/' && next == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>ClickHouse lets block comments nest.</summary>
    private void SkipBlockComment()
    {
        var depth = 0;
        while (_position < _text.Length)
        {
            if (_text[_position..].StartsWith("/*"u8))
            {
                depth++;
                _position += 2;
            }
            else if (_text[_position..].StartsWith("*/"u8))
            {
                _position += 2;
                if (--depth == 0)
                {
                    return;
                }
            }
            else
            {
                _position++;
            }
        }
    }
}
