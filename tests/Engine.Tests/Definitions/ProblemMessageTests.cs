using System.Globalization;
using System.Reflection;
using DossierWorkflow.Engine.Conditions;
using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.Engine.Definitions.Compilation;

namespace DossierWorkflow.Engine.Tests.Definitions;

public sealed class ProblemMessageTests
{
    private static readonly CultureInfo Vietnamese = new("vi");

    public static TheoryData<string> ResourceSets => ["definitions", "conditions"];

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void Every_message_exists_in_english_and_in_vietnamese(string set)
    {
        var text = set == "definitions" ? DefinitionMessages.Text : ConditionMessages.Text;

        var english = text.Keys(CultureInfo.InvariantCulture);
        var vietnamese = text.Keys(Vietnamese);

        Assert.NotEmpty(english);
        Assert.Equal(english.Order(StringComparer.Ordinal), vietnamese.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_problem_code_has_a_message()
    {
        var keys = DefinitionMessages.Text.Keys(CultureInfo.InvariantCulture);
        var codes = typeof(DefinitionProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

        Assert.All(codes, code => Assert.Contains(keys, key => key == code || key.StartsWith(code + ".", StringComparison.Ordinal)));
    }

    [Fact]
    public void Problems_are_reported_in_vietnamese_for_a_vietnamese_administrator()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("vi-VN");
        try
        {
            var problems = new BpmnDefinitionCompiler(DefinitionFolder.RegisteredHandlers)
                .Compile(DefinitionFolder.Read("Invalid", "several-problems.bpmn")).Problems;

            Assert.Equal(
                "Check: Công việc người dùng này chưa có dw:role; hãy đặt vai trò của cán bộ xử lý (ví dụ reception, specialist, leader).",
                problems.Single(p => p.ElementId == "Check").ToString());
            Assert.Equal(
                "Flow_Accept: Không đọc được điều kiện \"outcome == \"accept\" && (fee > 0\". Cột 32: cần ')' để đóng dấu '(' ở cột 24 nhưng gặp cuối điều kiện.",
                problems.Single(p => p.ElementId == "Flow_Accept").ToString());
            Assert.Equal("missing-role", problems.Single(p => p.ElementId == "Check").Code);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
