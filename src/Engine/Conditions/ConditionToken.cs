namespace DossierWorkflow.Engine.Conditions;

internal enum TokenKind
{
    End,
    Identifier,
    String,
    Number,
    True,
    False,
    Null,
    In,
    Dot,
    Comma,
    OpenParenthesis,
    CloseParenthesis,
    OpenBracket,
    CloseBracket,
    Not,
    And,
    Or,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Minus,
    Plus,
    Times,
    Divide,
}

/// <summary>One lexical token; <see cref="Column"/> is 1-based in the text as written (wrapper included).</summary>
internal readonly record struct ConditionToken(TokenKind Kind, string Text, int Column, string? StringValue = null, double NumberValue = 0);
