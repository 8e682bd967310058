using System.Text.RegularExpressions;
using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.Engine.Definitions.Compilation;

namespace DossierWorkflow.Engine.Tests.Definitions;

/// <summary>
/// Each file in <c>Definitions/Invalid</c> states the problems it must produce in comments such as
/// <c>&lt;!-- expect: Task_1: missing-role --&gt;</c>; the compiler must report exactly those, no more, no fewer.
/// </summary>
public sealed partial class InvalidDefinitionTests
{
    private readonly BpmnDefinitionCompiler _compiler = new(DefinitionFolder.RegisteredHandlers);

    public static TheoryData<string> InvalidFiles => DefinitionFolder.FileNames("Invalid");

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void An_invalid_file_yields_exactly_its_expected_problems(string fileName)
    {
        var path = DefinitionFolder.PathOf("Invalid", fileName);
        var expected = ExpectedProblems(File.ReadAllText(path));
        Assert.NotEmpty(expected);

        var compilation = DefinitionFiles.Compile(path, _compiler);

        Assert.False(compilation.IsValid);
        Assert.Null(compilation.Definition);
        var actual = compilation.Problems.Select(p => $"{p.ElementId}: {p.Code}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        Assert.All(compilation.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        // One line each: a tool lists them one per line, each naming its element.
        Assert.All(compilation.Problems, p => Assert.DoesNotMatch(@"[\r\n]", p.ToString()));
    }

    [Fact]
    public void The_invalid_folder_covers_at_least_25_cases()
    {
        Assert.True(InvalidFiles.Count >= 25, $"only {InvalidFiles.Count} invalid files");
    }

    [Fact]
    public void Several_problems_in_one_file_are_all_reported_at_once()
    {
        var xml = DefinitionFolder.Read("Invalid", "several-problems.bpmn");

        var problems = _compiler.Compile(xml).Problems;

        Assert.Equal(8, problems.Count);
        Assert.Contains(problems, p => p.ToString() == "Check: This user task has no dw:role; set the role of the officers who handle it (e.g. reception, specialist, leader).");
        Assert.Contains(problems, p => p.ToString() == "Flow_Accept: The condition \"outcome == \"accept\" && (fee > 0\" cannot be read. Column 32: expected ')' to close the '(' at column 24 but found the end of the condition.");
        Assert.Contains(problems, p => p.ToString() == "Notify: No handler named \"carrier-pigeon\" is registered; use one of: issue-form, notify, post.");
    }

    [Fact]
    public void An_external_entity_is_refused_without_reading_the_file_it_names()
    {
        var xml = DefinitionFolder.Read("Invalid", "xxe-external-entity.bpmn");

        var problem = Assert.Single(_compiler.Compile(xml).Problems);

        Assert.Equal(DefinitionProblemCodes.DocumentTypeForbidden, problem.Code);
        Assert.DoesNotContain("root:", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_is_reported_with_its_line_and_position()
    {
        var problem = Assert.Single(_compiler.Compile("<definitions>\n  <process id=\"P\">\n</definitions>").Problems);

        Assert.Equal(DefinitionProblemCodes.MalformedXml, problem.Code);
        Assert.Contains("line 3, position 3", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_element_is_explained_in_plain_words()
    {
        var problems = _compiler.Compile(DefinitionFolder.Read("Invalid", "unsupported-elements.bpmn")).Problems;

        Assert.Equal(
            "Script: Script tasks are not supported: the engine never runs scripts. Use a service task with a registered dw:handler.",
            problems.Single(p => p.ElementId == "Script").ToString());
    }

    [Fact]
    public void Years_in_a_timer_duration_are_refused_with_the_reason()
    {
        var problems = _compiler.Compile(DefinitionFolder.Read("Invalid", "bad-timer-durations.bpmn")).Problems;

        Assert.Equal(
            "The timer duration \"P1Y\" uses years or months, which have no fixed length; write it in weeks or days (e.g. P30D).",
            problems.Single(p => p.ElementId == "Years").Message);
    }

    [Fact]
    public void A_missing_file_is_a_problem_not_an_exception()
    {
        var problem = Assert.Single(DefinitionFiles.Validate(Path.Combine(AppContext.BaseDirectory, "no-such-file.bpmn")));

        Assert.Equal(("definitions", DefinitionProblemCodes.FileUnreadable), (problem.ElementId, problem.Code));
    }

    [Fact]
    public void A_file_that_is_not_utf8_text_is_a_problem_not_an_exception()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dw-{Guid.NewGuid():N}.bpmn");
        File.WriteAllBytes(path, [0x3c, 0x64, 0xff, 0xfe, 0x00, 0x9c]);
        try
        {
            var problem = Assert.Single(DefinitionFiles.Validate(path));

            Assert.Equal(DefinitionProblemCodes.FileUnreadable, problem.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validating_a_file_without_the_registered_handlers_still_requires_a_handler_name()
    {
        var unknown = DefinitionFiles.Validate(DefinitionFolder.PathOf("Invalid", "unknown-handler.bpmn"));
        var missing = DefinitionFiles.Validate(DefinitionFolder.PathOf("Invalid", "task-without-handler.bpmn"));

        Assert.Empty(unknown);
        Assert.Equal(2, missing.Count);
    }

    [Fact]
    public void GetDefinitionOrThrow_lists_every_problem()
    {
        var compilation = _compiler.Compile(DefinitionFolder.Read("Invalid", "several-problems.bpmn"));

        var exception = Assert.Throws<InvalidDefinitionException>(compilation.GetDefinitionOrThrow);

        Assert.Equal(8, exception.Problems.Count);
    }

    private static List<string> ExpectedProblems(string text) =>
        [.. ExpectPattern().Matches(text).Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value}").Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"<!--\s*expect:\s*(\S+):\s*(\S+)\s*-->")]
    private static partial Regex ExpectPattern();
}
