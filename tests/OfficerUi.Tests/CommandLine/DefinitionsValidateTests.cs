namespace DossierWorkflow.OfficerUi.Tests.CommandLine;

/// <summary><c>dotnet run --project src/OfficerUi -- definitions validate &lt;file.bpmn&gt;</c>, run as the real program.</summary>
public sealed class DefinitionsValidateTests : IDisposable
{
    private const string Valid = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dw="urn:dossierworkflow:bpmn:1" id="d" targetNamespace="urn:test">
          <bpmn:process id="approval" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
            <bpmn:userTask id="approve" name="Phê duyệt" dw:role="leader" dw:durationDays="1" />
            <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
            <bpmn:endEvent id="end" dw:result="resolved" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("dw-cli-").FullName;

    [Fact]
    public async Task A_valid_definition_prints_valid_and_exits_zero()
    {
        var (exitCode, output) = await ValidateAsync(Write("valid.bpmn", Valid));

        Assert.Equal(0, exitCode);
        Assert.Equal("valid", output.Trim());
    }

    [Fact]
    public async Task An_invalid_definition_prints_one_line_per_problem_and_exits_one()
    {
        var invalid = Valid.Replace(" dw:role=\"leader\"", "").Replace("<bpmn:endEvent id=\"end\" dw:result=\"resolved\" />", "<bpmn:endEvent id=\"end\" /><bpmn:scriptTask id=\"script\" />");

        var (exitCode, output) = await ValidateAsync(Write("invalid.bpmn", invalid));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(1, exitCode);
        Assert.Contains(lines, l => l.StartsWith("approve: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("script: ", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"^[\w.-]+: \S", l));
    }

    [Fact]
    public async Task A_relative_path_is_read_from_the_directory_the_command_was_typed_in()
    {
        Write("relative.bpmn", Valid);

        var (exitCode, output, _) = await HostProcess.RunAsync(["definitions", "validate", "relative.bpmn"], new Dictionary<string, string> { ["PWD"] = _directory });

        Assert.Equal(0, exitCode);
        Assert.Equal("valid", output.Trim());
    }

    [Fact]
    public async Task A_definition_naming_an_unknown_handler_is_invalid()
    {
        var unknownHandler = Valid.Replace(
            "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"approve\" targetRef=\"end\" />",
            "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"approve\" targetRef=\"send\" /><bpmn:serviceTask id=\"send\" dw:handler=\"fax\" /><bpmn:sequenceFlow id=\"f3\" sourceRef=\"send\" targetRef=\"end\" />");

        var (exitCode, output) = await ValidateAsync(Write("fax.bpmn", unknownHandler));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("send: ", output);
        Assert.Contains("fax", output);
    }

    [Fact]
    public async Task A_missing_file_is_reported_as_a_problem_not_a_crash()
    {
        var (exitCode, output) = await ValidateAsync(Path.Combine(_directory, "nowhere.bpmn"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("definitions: ", output);
        Assert.DoesNotContain("Exception", output);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int ExitCode, string Output)> ValidateAsync(string path)
    {
        var (exitCode, output, error) = await HostProcess.RunAsync(["definitions", "validate", path]);
        return (exitCode, output + error);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
