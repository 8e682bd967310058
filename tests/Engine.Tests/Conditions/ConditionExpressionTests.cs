using System.Globalization;
using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Conditions;

namespace DossierWorkflow.Engine.Tests.Conditions;

public sealed class ConditionExpressionTests
{
    private static readonly JsonObject Variables = JsonNode.Parse("""
        {
          "outcome": "approve",
          "deliveryMethod": "post",
          "fee": 50000,
          "ratio": 1.5,
          "isComplete": false,
          "isUrgent": true,
          "note": null,
          "applicant": { "age": 17, "name": "Nguyễn Văn A", "address": { "commune": "Phường Ba Đình" } },
          "documents": ["id", "form"]
        }
        """)!.AsObject();

    public static TheoryData<string, bool> Evaluations => new()
    {
        { "outcome == \"approve\"", true },
        { "outcome == 'approve'", true },
        { "outcome != \"approve\"", false },
        { "deliveryMethod == \"post\" && fee > 0", true },
        { "deliveryMethod == \"counter\" || fee >= 50000", true },
        { "!isComplete", true },
        { "!isUrgent", false },
        { "isUrgent", true },
        { "isComplete", false },
        { "applicant.age < 18", true },
        { "applicant.age <= 17", true },
        { "applicant.age > 17", false },
        { "applicant.address.commune == \"Phường Ba Đình\"", true },
        { "fee == 50000.0", true },
        { "ratio > 1", true },
        { "ratio == 1.5", true },
        { "applicant.age > -1", true },
        { "outcome in [\"approve\", \"reject\"]", true },
        { "outcome in ['reject', 'supplement']", false },
        { "fee in [1, 50000]", true },
        { "outcome in []", false },
        { "missing == null", true },
        { "note == null", true },
        { "applicant.missing.deeper == null", true },
        { "outcome.length == null", true },
        { "missing != \"x\"", true },
        { "!missing", true },
        { "missing", false },
        { "missing < 3", false },
        { "missing > 3", false },
        { "\"a\" < 3", false },
        { "\"a\" != 3", true },
        { "fee == \"50000\"", false },
        { "outcome > 3", false },
        { "isUrgent == 1", false },
        { "true", true },
        { "false || null", false },
        { "\"2026-01-02\" < \"2026-01-10\"", true },
        { "documents == null", false },
        { "applicant.name", false },
        { "${outcome == \"approve\"}", true },
        { "#{fee > 0}", true },
        { "  ${ !isComplete }  ", true },
        { "\"it\\'s\" == 'it\\'s'", true },
        { "outcome == \"a\\\"b\"", false },
        { "fee * 2 > 90000", true },
        { "fee / 2 == 25000", true },
        { "applicant.age + 1 == 18", true },
        { "10 - 2 - 3 == 5", true },
        { "2 + 3 * 4 == 14", true },
        { "(2 + 3) * 4 == 20", true },
        { "ratio * 2 == 3", true },
        { "fee / 0 == null", true },
        { "outcome + 1 == null", true },
        { "missing * 2 > 0", false },
    };

    [Theory]
    [MemberData(nameof(Evaluations))]
    public void A_condition_evaluates_over_the_variables(string source, bool expected)
    {
        var condition = ConditionExpression.ParseOrThrow(source);

        var actual = condition.Evaluate(Variables);

        Assert.Equal(expected, actual);
    }

    public static TheoryData<string, bool> Precedence => new()
    {
        // && binds tighter than ||
        { "true || false && false", true },
        { "(true || false) && false", false },
        // ! binds tighter than ==, as in C#
        { "!isComplete == true", true },
        { "!(outcome == \"reject\")", true },
        // comparisons bind tighter than && and ||
        { "fee > 0 && outcome == \"approve\" || false", true },
        { "false && fee > 0 || outcome == \"approve\"", true },
        { "!!isUrgent", true },
    };

    [Theory]
    [MemberData(nameof(Precedence))]
    public void Operators_bind_with_the_usual_precedence(string source, bool expected)
    {
        Assert.Equal(expected, ConditionExpression.ParseOrThrow(source).Evaluate(Variables));
    }

    public static TheoryData<string, int, string> Errors => new()
    {
        { "", 1, "empty" },
        { "   ", 4, "empty" },
        { "outcome = \"approve\"", 9, "single-equals" },
        { "a & b", 3, "single-ampersand" },
        { "a | b", 3, "single-bar" },
        { "outcome == \"approve", 12, "unterminated-string" },
        { "fee > 12a", 7, "invalid-number" },
        { "fee > 1.", 7, "invalid-number" },
        { "(fee > 1", 9, "expected-closing-parenthesis" },
        { "fee > 1)", 8, "unbalanced-parenthesis" },
        { "fee >", 6, "expected-value" },
        { "== 3", 1, "expected-value" },
        { "fee 3", 5, "expected-operator" },
        { "a == b == c", 8, "chained-comparison" },
        { "applicant.", 11, "expected-name-after-dot" },
        { "outcome in \"a\"", 12, "expected-list" },
        { "outcome in [a]", 13, "expected-list-literal" },
        { "outcome in [\"a\" \"b\"]", 17, "expected-closing-bracket" },
        { "fee > -x", 8, "expected-number-after-minus" },
        { "fee * > 2", 7, "expected-value" },
        { "fee # 3", 5, "unexpected-character" },
        { "'a\\q'", 3, "invalid-escape" },
        { "${fee >}", 8, "expected-value" },
        { "${outcome = 'x'}", 11, "single-equals" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void A_syntax_error_names_the_column_and_what_was_expected(string source, int column, string code)
    {
        var result = ConditionExpression.Parse(source);

        Assert.False(result.IsValid);
        Assert.Equal((column, code), (result.Error!.Column, result.Error.Code));
        Assert.StartsWith($"Column {column}: ", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_message_says_what_was_expected_and_what_was_found()
    {
        var result = ConditionExpression.Parse("(fee > 1 outcome");

        Assert.Equal("Column 10: expected ')' to close the '(' at column 1 but found 'outcome'.", result.Error!.Message);
    }

    [Fact]
    public void Error_messages_are_in_vietnamese_for_a_vietnamese_user()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("vi-VN");
        try
        {
            var result = ConditionExpression.Parse("fee >");

            Assert.Equal("Cột 6: cần một giá trị (chuỗi, số, true, false, null, tên biến hoặc '(') nhưng gặp cuối điều kiện.", result.Error!.Message);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected_at_parse_time()
    {
        var deep = new string('(', ConditionExpression.MaxDepth + 1) + "true" + new string(')', ConditionExpression.MaxDepth + 1);
        var negations = new string('!', 500) + "true";

        Assert.Equal("too-deep", ConditionExpression.Parse(deep).Error!.Code);
        Assert.Equal("too-deep", ConditionExpression.Parse(negations).Error!.Code);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_accepted()
    {
        var deep = new string('(', ConditionExpression.MaxDepth) + "true" + new string(')', ConditionExpression.MaxDepth);

        Assert.True(ConditionExpression.ParseOrThrow(deep).Evaluate(Variables));
    }

    [Fact]
    public void A_very_long_chain_of_operators_evaluates_without_deep_recursion()
    {
        var chain = string.Join(" && ", Enumerable.Repeat("isUrgent", 150));

        Assert.True(ConditionExpression.ParseOrThrow(chain).Evaluate(Variables));
    }

    [Fact]
    public void An_expression_longer_than_the_limit_is_rejected()
    {
        var result = ConditionExpression.Parse(new string(' ', ConditionExpression.MaxLength) + "true");

        Assert.Equal("too-long", result.Error!.Code);
    }

    [Fact]
    public void The_variables_read_are_the_root_names()
    {
        var condition = ConditionExpression.ParseOrThrow("applicant.age > 17 && (outcome == 'x' || applicant.name != null) && !fee");

        Assert.Equal(["applicant", "outcome", "fee"], condition.Variables);
    }

    [Fact]
    public void The_source_is_kept_as_written()
    {
        var condition = ConditionExpression.ParseOrThrow("${ outcome == 'approve' }");

        Assert.Equal("${ outcome == 'approve' }", condition.Source);
    }

    [Fact]
    public void The_outcomes_a_condition_routes_on_are_known()
    {
        var condition = ConditionExpression.ParseOrThrow("outcome == 'approve' || 'reject' == outcome || outcome in ['a', 1] || other == 'x' || applicant.outcome == 'y'");

        Assert.Equal(["a", "approve", "reject"], condition.StringsComparedWith("outcome"));
    }

    [Fact]
    public void Numbers_set_from_code_compare_like_numbers_read_from_json()
    {
        var variables = new JsonObject { ["fee"] = 12.5m, ["count"] = 3, ["big"] = long.MaxValue, ["when"] = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc) };

        Assert.True(ConditionExpression.ParseOrThrow("fee == 12.5 && count == 3 && count < 3.5 && big > 1000").Evaluate(variables));
        Assert.True(ConditionExpression.ParseOrThrow("when > '2026-01-01'").Evaluate(variables));
    }

    [Theory]
    [InlineData("applicant.idNumber", true)]
    [InlineData("dossierCode", true)]
    [InlineData("hồSơ.mã", true)]
    [InlineData("", false)]
    [InlineData("applicant.", false)]
    [InlineData(".x", false)]
    [InlineData("a b", false)]
    [InlineData("1abc", false)]
    [InlineData("null", false)]
    [InlineData("a-b", false)]
    public void A_variable_path_is_recognised(string text, bool expected)
    {
        Assert.Equal(expected, ConditionExpression.IsVariablePath(text));
    }
}
