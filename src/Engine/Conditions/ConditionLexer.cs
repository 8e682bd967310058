using System.Globalization;
using System.Text;

namespace DossierWorkflow.Engine.Conditions;

/// <summary>Splits the range [start, end) of an expression into tokens; columns count from the start of the text as written.</summary>
internal sealed class ConditionLexer(string text, int start, int end)
{
    private int _position = start;

    public List<ConditionToken> Tokenize()
    {
        var tokens = new List<ConditionToken>();
        while (true)
        {
            var token = Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.End)
            {
                return tokens;
            }
        }
    }

    private static int Column(int position) => position + 1;

    private ConditionToken Next()
    {
        while (_position < end && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }

        if (_position >= end)
        {
            return new ConditionToken(TokenKind.End, "", Column(_position));
        }

        var begin = _position;
        var c = text[_position];
        if (c is '"' or '\'')
        {
            return ReadString(c);
        }

        if (char.IsAsciiDigit(c))
        {
            return ReadNumber();
        }

        if (IsIdentifierStart(c))
        {
            while (_position < end && IsIdentifierPart(text[_position]))
            {
                _position++;
            }

            var word = text[begin.._position];
            var kind = word switch
            {
                "true" => TokenKind.True,
                "false" => TokenKind.False,
                "null" => TokenKind.Null,
                "in" => TokenKind.In,
                _ => TokenKind.Identifier,
            };
            return new ConditionToken(kind, word, Column(begin));
        }

        var next = _position + 1 < end ? text[_position + 1] : '\0';
        (TokenKind Kind, int Length)? symbol = (c, next) switch
        {
            ('=', '=') => (TokenKind.Equal, 2),
            ('!', '=') => (TokenKind.NotEqual, 2),
            ('<', '=') => (TokenKind.LessOrEqual, 2),
            ('>', '=') => (TokenKind.GreaterOrEqual, 2),
            ('&', '&') => (TokenKind.And, 2),
            ('|', '|') => (TokenKind.Or, 2),
            ('<', _) => (TokenKind.Less, 1),
            ('>', _) => (TokenKind.Greater, 1),
            ('!', _) => (TokenKind.Not, 1),
            ('.', _) => (TokenKind.Dot, 1),
            (',', _) => (TokenKind.Comma, 1),
            ('(', _) => (TokenKind.OpenParenthesis, 1),
            (')', _) => (TokenKind.CloseParenthesis, 1),
            ('[', _) => (TokenKind.OpenBracket, 1),
            (']', _) => (TokenKind.CloseBracket, 1),
            ('-', _) => (TokenKind.Minus, 1),
            ('+', _) => (TokenKind.Plus, 1),
            ('*', _) => (TokenKind.Times, 1),
            ('/', _) => (TokenKind.Divide, 1),
            _ => null,
        };
        if (symbol is { } s)
        {
            _position += s.Length;
            return new ConditionToken(s.Kind, text.Substring(begin, s.Length), Column(begin));
        }

        throw c switch
        {
            '=' => Error(begin, "single-equals"),
            '&' => Error(begin, "single-ampersand"),
            '|' => Error(begin, "single-bar"),
            _ => Error(begin, "unexpected-character", c.ToString()),
        };
    }

    private ConditionToken ReadString(char quote)
    {
        var begin = _position++;
        var value = new StringBuilder();
        while (_position < end)
        {
            var c = text[_position++];
            if (c == quote)
            {
                return new ConditionToken(TokenKind.String, text[begin.._position], Column(begin), value.ToString());
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (_position >= end)
            {
                break;
            }

            var escaped = text[_position++];
            value.Append(escaped switch
            {
                '"' or '\'' or '\\' => escaped,
                'n' => '\n',
                't' => '\t',
                _ => throw Error(_position - 2, "invalid-escape", "\\" + escaped),
            });
        }

        throw Error(begin, "unterminated-string", quote.ToString());
    }

    private ConditionToken ReadNumber()
    {
        var begin = _position;
        while (_position < end && char.IsAsciiDigit(text[_position]))
        {
            _position++;
        }

        if (_position < end && text[_position] == '.')
        {
            _position++;
            if (_position >= end || !char.IsAsciiDigit(text[_position]))
            {
                throw Error(begin, "invalid-number", text[begin.._position]);
            }

            while (_position < end && char.IsAsciiDigit(text[_position]))
            {
                _position++;
            }
        }

        if (_position < end && IsIdentifierPart(text[_position]))
        {
            throw Error(begin, "invalid-number", text[begin..(_position + 1)]);
        }

        var literal = text[begin.._position];
        return new ConditionToken(TokenKind.Number, literal, Column(begin), NumberValue: double.Parse(literal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
    }

    internal static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c);

    internal static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

    private ConditionSyntaxException Error(int position, string code, params object[] args) =>
        ConditionMessages.Error(Column(position), code, args);
}
