using System.Collections.Immutable;

namespace DossierWorkflow.Engine.Conditions;

/// <summary>
/// Recursive-descent parser. Grammar, loosest binding first:
/// <code>
/// or         := and ('||' and)*
/// and        := comparison ('&amp;&amp;' comparison)*
/// comparison := sum (('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') sum | 'in' list)?
/// sum        := product (('+' | '-') product)*
/// product    := unary (('*' | '/') unary)*
/// unary      := '!' unary | primary
/// primary    := literal | path | '(' or ')'
/// literal    := string | '-'? number | true | false | null
/// path       := name ('.' name)*
/// list       := '[' (literal (',' literal)*)? ']'
/// </code>
/// Comparisons do not chain (<c>a == b == c</c> is an error). Nesting through parentheses and <c>!</c> is limited
/// to <see cref="ConditionExpression.MaxDepth"/>, so neither parsing nor evaluation can exhaust the stack.
/// </summary>
internal sealed class ConditionParser(List<ConditionToken> tokens)
{
    private int _index;
    private int _depth;

    private ConditionToken Current => tokens[_index];

    public ConditionNode ParseExpression()
    {
        if (Current.Kind == TokenKind.End)
        {
            throw ConditionMessages.Error(Current.Column, "empty");
        }

        var expression = ParseOr();
        if (Current.Kind != TokenKind.End)
        {
            throw Current.Kind == TokenKind.CloseParenthesis
                ? ConditionMessages.Error(Current.Column, "unbalanced-parenthesis")
                : ConditionMessages.Error(Current.Column, "expected-operator", Current.Text);
        }

        return expression;
    }

    private ConditionNode ParseOr()
    {
        var operands = ImmutableArray.CreateBuilder<ConditionNode>();
        operands.Add(ParseAnd());
        while (Current.Kind == TokenKind.Or)
        {
            _index++;
            operands.Add(ParseAnd());
        }

        return operands.Count == 1 ? operands[0] : new OrNode(operands.ToImmutable());
    }

    private ConditionNode ParseAnd()
    {
        var operands = ImmutableArray.CreateBuilder<ConditionNode>();
        operands.Add(ParseComparison());
        while (Current.Kind == TokenKind.And)
        {
            _index++;
            operands.Add(ParseComparison());
        }

        return operands.Count == 1 ? operands[0] : new AndNode(operands.ToImmutable());
    }

    private ConditionNode ParseComparison()
    {
        var left = ParseSum();
        if (Current.Kind == TokenKind.In)
        {
            _index++;
            var list = ParseList();
            RejectChaining();
            return new InNode(left, list);
        }

        if (ComparisonOperatorOf(Current.Kind) is not { } op)
        {
            return left;
        }

        _index++;
        var right = ParseSum();
        RejectChaining();
        return new ComparisonNode(op, left, right);
    }

    /// <summary>Sums and products of numbers, left to right; a chain is one flat node, as for <c>&amp;&amp;</c> and <c>||</c>.</summary>
    private ConditionNode ParseSum() => ParseChain(ParseProduct, TokenKind.Plus, TokenKind.Minus);

    private ConditionNode ParseProduct() => ParseChain(ParseUnary, TokenKind.Times, TokenKind.Divide);

    private ConditionNode ParseChain(Func<ConditionNode> operand, TokenKind first, TokenKind second)
    {
        var head = operand();
        var rest = ImmutableArray.CreateBuilder<(ArithmeticOperator, ConditionNode)>();
        while (Current.Kind == first || Current.Kind == second)
        {
            var op = Current.Kind switch
            {
                TokenKind.Plus => ArithmeticOperator.Add,
                TokenKind.Minus => ArithmeticOperator.Subtract,
                TokenKind.Times => ArithmeticOperator.Multiply,
                _ => ArithmeticOperator.Divide,
            };
            _index++;
            rest.Add((op, operand()));
        }

        return rest.Count == 0 ? head : new ArithmeticNode(head, rest.ToImmutable());
    }

    private void RejectChaining()
    {
        if (ComparisonOperatorOf(Current.Kind) is not null || Current.Kind == TokenKind.In)
        {
            throw ConditionMessages.Error(Current.Column, "chained-comparison", Current.Text);
        }
    }

    private ConditionNode ParseUnary()
    {
        if (Current.Kind != TokenKind.Not)
        {
            return ParsePrimary();
        }

        var not = Current;
        _index++;
        Enter(not);
        var operand = ParseUnary();
        _depth--;
        return new NotNode(operand);
    }

    private ConditionNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.OpenParenthesis:
                _index++;
                Enter(token);
                var inner = ParseOr();
                _depth--;
                if (Current.Kind != TokenKind.CloseParenthesis)
                {
                    throw ConditionMessages.Error(Current.Column, "expected-closing-parenthesis", token.Column, Describe(Current));
                }

                _index++;
                return inner;
            case TokenKind.Identifier:
                return ParsePath();
            default:
                if (TryParseLiteral(out var literal))
                {
                    return new LiteralNode(literal);
                }

                throw ConditionMessages.Error(token.Column, "expected-value", Describe(token));
        }
    }

    private VariableNode ParsePath()
    {
        var segments = ImmutableArray.CreateBuilder<string>();
        segments.Add(Current.Text);
        _index++;
        while (Current.Kind == TokenKind.Dot)
        {
            _index++;
            if (Current.Kind != TokenKind.Identifier)
            {
                throw ConditionMessages.Error(Current.Column, "expected-name-after-dot", Describe(Current));
            }

            segments.Add(Current.Text);
            _index++;
        }

        return new VariableNode(segments.ToImmutable());
    }

    private bool TryParseLiteral(out ConditionValue value)
    {
        var token = Current;
        value = token.Kind switch
        {
            TokenKind.String => ConditionValue.Of(token.StringValue!),
            TokenKind.Number => ConditionValue.Of(token.NumberValue),
            TokenKind.True => ConditionValue.True,
            TokenKind.False => ConditionValue.False,
            TokenKind.Null => ConditionValue.Null,
            _ => default,
        };
        if (token.Kind == TokenKind.Minus)
        {
            var number = tokens[_index + 1];
            if (number.Kind != TokenKind.Number)
            {
                throw ConditionMessages.Error(number.Column, "expected-number-after-minus", Describe(number));
            }

            _index += 2;
            value = ConditionValue.Of(-number.NumberValue);
            return true;
        }

        if (token.Kind is TokenKind.String or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null)
        {
            _index++;
            return true;
        }

        return false;
    }

    private ImmutableArray<ConditionValue> ParseList()
    {
        var open = Current;
        if (open.Kind != TokenKind.OpenBracket)
        {
            throw ConditionMessages.Error(open.Column, "expected-list", Describe(open));
        }

        _index++;
        var values = ImmutableArray.CreateBuilder<ConditionValue>();
        if (Current.Kind == TokenKind.CloseBracket)
        {
            _index++;
            return values.ToImmutable();
        }

        while (true)
        {
            if (!TryParseLiteral(out var value))
            {
                throw ConditionMessages.Error(Current.Column, "expected-list-literal", Describe(Current));
            }

            values.Add(value);
            if (Current.Kind == TokenKind.Comma)
            {
                _index++;
                continue;
            }

            if (Current.Kind == TokenKind.CloseBracket)
            {
                _index++;
                return values.ToImmutable();
            }

            throw ConditionMessages.Error(Current.Column, "expected-closing-bracket", open.Column, Describe(Current));
        }
    }

    private void Enter(ConditionToken token)
    {
        if (++_depth > ConditionExpression.MaxDepth)
        {
            throw ConditionMessages.Error(token.Column, "too-deep", ConditionExpression.MaxDepth);
        }
    }

    private static ComparisonOperator? ComparisonOperatorOf(TokenKind kind) => kind switch
    {
        TokenKind.Equal => ComparisonOperator.Equal,
        TokenKind.NotEqual => ComparisonOperator.NotEqual,
        TokenKind.Less => ComparisonOperator.Less,
        TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
        TokenKind.Greater => ComparisonOperator.Greater,
        TokenKind.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
        _ => null,
    };

    /// <summary>How a token is named in messages: its text in quotes, or "the end of the expression".</summary>
    private static string Describe(ConditionToken token) =>
        token.Kind == TokenKind.End ? ConditionMessages.Text.Format("end-of-expression") : $"'{token.Text}'";
}
