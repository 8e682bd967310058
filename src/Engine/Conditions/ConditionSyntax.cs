using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace DossierWorkflow.Engine.Conditions;

/// <summary>
/// The parsed form of a condition. The tree depth is bounded by the parser, so evaluating it recursively is safe;
/// chains of <c>&amp;&amp;</c> and <c>||</c> are flat lists rather than deep trees.
/// </summary>
internal abstract record ConditionNode
{
    public abstract ConditionValue Evaluate(JsonObject variables);
}

internal sealed record LiteralNode(ConditionValue Value) : ConditionNode
{
    public override ConditionValue Evaluate(JsonObject variables) => Value;
}

internal sealed record VariableNode(ImmutableArray<string> Path) : ConditionNode
{
    public string Root => Path[0];

    public override ConditionValue Evaluate(JsonObject variables)
    {
        JsonNode? current = variables;
        foreach (var segment in Path)
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(segment, out current))
            {
                return ConditionValue.Null;
            }
        }

        return ConditionValue.FromJson(current);
    }
}

internal sealed record NotNode(ConditionNode Operand) : ConditionNode
{
    public override ConditionValue Evaluate(JsonObject variables) => ConditionValue.Of(!Operand.Evaluate(variables).IsTrue);
}

internal sealed record AndNode(ImmutableArray<ConditionNode> Operands) : ConditionNode
{
    public override ConditionValue Evaluate(JsonObject variables) => ConditionValue.Of(Operands.All(o => o.Evaluate(variables).IsTrue));
}

internal sealed record OrNode(ImmutableArray<ConditionNode> Operands) : ConditionNode
{
    public override ConditionValue Evaluate(JsonObject variables) => ConditionValue.Of(Operands.Any(o => o.Evaluate(variables).IsTrue));
}

internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

internal sealed record ComparisonNode(ComparisonOperator Operator, ConditionNode Left, ConditionNode Right) : ConditionNode
{
    public override ConditionValue Evaluate(JsonObject variables)
    {
        var left = Left.Evaluate(variables);
        var right = Right.Evaluate(variables);
        return ConditionValue.Of(Operator switch
        {
            ComparisonOperator.Equal => ConditionValue.AreEqual(left, right),
            ComparisonOperator.NotEqual => !ConditionValue.AreEqual(left, right),
            ComparisonOperator.Less => ConditionValue.Compare(left, right) is < 0,
            ComparisonOperator.LessOrEqual => ConditionValue.Compare(left, right) is <= 0,
            ComparisonOperator.Greater => ConditionValue.Compare(left, right) is > 0,
            ComparisonOperator.GreaterOrEqual => ConditionValue.Compare(left, right) is >= 0,
            _ => false,
        });
    }
}

internal enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>
/// <c>a + b - c</c> or <c>a * b / c</c>, left to right. Only numbers take part: anything else, or a division by zero,
/// makes the whole null (so a comparison with it is false).
/// </summary>
internal sealed record ArithmeticNode(ConditionNode First, ImmutableArray<(ArithmeticOperator Operator, ConditionNode Operand)> Rest) : ConditionNode
{
    public override ConditionValue Evaluate(JsonObject variables)
    {
        var result = First.Evaluate(variables);
        foreach (var (op, operand) in Rest)
        {
            var value = operand.Evaluate(variables);
            if (result.Kind != ValueKind.Number || value.Kind != ValueKind.Number || (op == ArithmeticOperator.Divide && value.Number == 0))
            {
                return ConditionValue.Null;
            }

            result = ConditionValue.Of(op switch
            {
                ArithmeticOperator.Add => result.Number + value.Number,
                ArithmeticOperator.Subtract => result.Number - value.Number,
                ArithmeticOperator.Multiply => result.Number * value.Number,
                _ => result.Number / value.Number,
            });
        }

        return result;
    }
}

internal sealed record InNode(ConditionNode Operand, ImmutableArray<ConditionValue> Candidates) : ConditionNode
{
    public override ConditionValue Evaluate(JsonObject variables)
    {
        var value = Operand.Evaluate(variables);
        return ConditionValue.Of(Candidates.Any(c => ConditionValue.AreEqual(value, c)));
    }
}
