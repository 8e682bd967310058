using System.Collections.Immutable;
using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Conditions;

/// <summary>
/// A condition of our own small expression language, parsed once when a definition is deployed:
/// literals (<c>"text"</c>, <c>'text'</c>, <c>12</c>, <c>1.5</c>, <c>true</c>, <c>false</c>, <c>null</c>),
/// variable paths (<c>applicant.age</c>), <c>+ - * /</c> on numbers, <c>== != &lt; &lt;= &gt; &gt;=</c>,
/// <c>&amp;&amp; || !</c>, parentheses and <c>x in ["a", "b"]</c>. A Camunda-style wrapper <c>${...}</c> or <c>#{...}</c> is accepted and ignored.
/// </summary>
/// <remarks>
/// Evaluation reads the variables and nothing else: a missing variable is null, only the boolean <c>true</c> counts as
/// true, numbers compare numerically, strings ordinally, and values of different kinds are never equal nor ordered
/// (so <c>"a" &lt; 3</c> is false, <c>"a" != 3</c> is true). Length and nesting are bounded so that no input can
/// exhaust the stack or take long to evaluate.
/// </remarks>
public sealed class ConditionExpression : CompiledCondition
{
    /// <summary>The longest expression accepted, in characters.</summary>
    public const int MaxLength = 2000;

    /// <summary>The deepest nesting of parentheses and <c>!</c> accepted.</summary>
    public const int MaxDepth = 32;

    private readonly ConditionNode _root;

    private ConditionExpression(string source, ConditionNode root) : base(source)
    {
        _root = root;
        Variables = CollectVariables(root).Select(v => v.Root).Distinct(StringComparer.Ordinal).ToImmutableArray();
    }

    public override IReadOnlyCollection<string> Variables { get; }

    public override bool Evaluate(JsonObject variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return _root.Evaluate(variables).IsTrue;
    }

    /// <summary>Parses <paramref name="source"/>; the result holds either the expression or the first syntax error.</summary>
    public static ConditionParseResult Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length > MaxLength)
        {
            return new ConditionParseResult(null, ConditionMessages.Error(MaxLength + 1, "too-long", MaxLength, source.Length).Error);
        }

        var (start, end) = Unwrap(source);
        try
        {
            var tokens = new ConditionLexer(source, start, end).Tokenize();
            return new ConditionParseResult(new ConditionExpression(source, new ConditionParser(tokens).ParseExpression()), null);
        }
        catch (ConditionSyntaxException e)
        {
            return new ConditionParseResult(null, e.Error);
        }
    }

    /// <summary>Parses <paramref name="source"/> or throws <see cref="FormatException"/> with the positioned message.</summary>
    public static ConditionExpression ParseOrThrow(string source)
    {
        var result = Parse(source);
        return result.Expression ?? throw new FormatException(result.Error!.Message);
    }

    /// <summary>Whether <paramref name="text"/> is a simple variable name: a path of one part, such as <c>department</c>.</summary>
    public static bool IsVariableName(string? text) => IsVariablePath(text) && !text!.Contains('.', StringComparison.Ordinal);

    /// <summary>Whether <paramref name="text"/> is a variable path such as <c>applicant.idNumber</c>.</summary>
    public static bool IsVariablePath(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        return text.Split('.').All(segment =>
            segment.Length > 0
            && ConditionLexer.IsIdentifierStart(segment[0])
            && segment.All(ConditionLexer.IsIdentifierPart)
            && segment is not ("true" or "false" or "null" or "in"));
    }

    /// <summary>
    /// The string literals this condition compares the single-segment variable <paramref name="variable"/> with
    /// (through <c>==</c>, <c>!=</c> or <c>in</c>), e.g. the outcomes a gateway routes on.
    /// </summary>
    internal IReadOnlyCollection<string> StringsComparedWith(string variable)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        Visit(_root);
        return found;

        void Visit(ConditionNode node)
        {
            switch (node)
            {
                case NotNode not:
                    Visit(not.Operand);
                    break;
                case AndNode and:
                    foreach (var operand in and.Operands)
                    {
                        Visit(operand);
                    }

                    break;
                case OrNode or:
                    foreach (var operand in or.Operands)
                    {
                        Visit(operand);
                    }

                    break;
                case ComparisonNode { Operator: ComparisonOperator.Equal or ComparisonOperator.NotEqual } comparison:
                    AddIfMatch(comparison.Left, comparison.Right);
                    AddIfMatch(comparison.Right, comparison.Left);
                    break;
                case InNode { Operand: VariableNode v } inNode when IsVariable(v):
                    foreach (var candidate in inNode.Candidates.Where(c => c.Kind == ValueKind.String))
                    {
                        found.Add(candidate.Text!);
                    }

                    break;
            }
        }

        void AddIfMatch(ConditionNode side, ConditionNode other)
        {
            if (side is VariableNode v && IsVariable(v) && other is LiteralNode { Value.Kind: ValueKind.String } literal)
            {
                found.Add(literal.Value.Text!);
            }
        }

        bool IsVariable(VariableNode v) => v.Path.Length == 1 && v.Root == variable;
    }

    private static IEnumerable<VariableNode> CollectVariables(ConditionNode node) => node switch
    {
        VariableNode v => [v],
        NotNode not => CollectVariables(not.Operand),
        AndNode and => and.Operands.SelectMany(CollectVariables),
        OrNode or => or.Operands.SelectMany(CollectVariables),
        ComparisonNode comparison => CollectVariables(comparison.Left).Concat(CollectVariables(comparison.Right)),
        InNode inNode => CollectVariables(inNode.Operand),
        ArithmeticNode arithmetic => CollectVariables(arithmetic.First).Concat(arithmetic.Rest.SelectMany(r => CollectVariables(r.Operand))),
        _ => [],
    };

    /// <summary>The range inside a <c>${...}</c> or <c>#{...}</c> wrapper, or the whole text.</summary>
    private static (int Start, int End) Unwrap(string source)
    {
        var start = 0;
        var end = source.Length;
        while (start < end && char.IsWhiteSpace(source[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(source[end - 1]))
        {
            end--;
        }

        return end - start >= 3 && source[start] is '$' or '#' && source[start + 1] == '{' && source[end - 1] == '}'
            ? (start + 2, end - 1)
            : (0, source.Length);
    }
}

/// <summary>The result of <see cref="ConditionExpression.Parse"/>: exactly one of the two is set.</summary>
public sealed record ConditionParseResult(ConditionExpression? Expression, ConditionError? Error)
{
    public bool IsValid => Expression is not null;
}
