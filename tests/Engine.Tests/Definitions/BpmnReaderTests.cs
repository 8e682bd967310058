using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.Engine.Definitions.Bpmn;
using DossierWorkflow.Engine.Definitions.Compilation;

namespace DossierWorkflow.Engine.Tests.Definitions;

public sealed class BpmnReaderTests
{
    private const string Head = """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dw="urn:dossierworkflow:bpmn:1" id="D">""";

    private readonly BpmnDefinitionCompiler _compiler = new(DefinitionFolder.RegisteredHandlers);

    [Fact]
    public void The_reader_keeps_elements_attributes_and_messages_as_written()
    {
        var read = BpmnReader.Read(DefinitionFolder.Read("Valid", "bpmn-js-permit-collaboration.bpmn"));

        var process = Assert.Single(read.Document!.Processes);
        Assert.Equal(false, process.IsExecutable);
        var fee = process.FlowNodes.Single(n => n.Id == "Activity_CollectFee");
        Assert.Equal(("receiveTask", "Message_Fee", "dossier.code"), (fee.ElementType, fee.MessageRef, fee.Extensions["correlationKey"]));
        Assert.Contains(read.Document.Messages, m => m is { Id: "Message_Fee", Name: "fee-paid" });
        Assert.Equal("Cấp giấy phép xây dựng", read.Document.ParticipantNames["Process_Permit"]);
        Assert.DoesNotContain(process.FlowNodes, n => n.ElementType is "laneSet" or "lane");
    }

    [Fact]
    public void Of_several_processes_the_one_marked_executable_is_compiled()
    {
        var xml = Head + """
              <collaboration id="C">
                <participant id="Citizen" name="Công dân" />
                <participant id="Office" name="Một cửa" processRef="Office_Process" />
                <participant id="Other" processRef="Notes" />
              </collaboration>
              <process id="Notes" isExecutable="false"><task id="Draft" /></process>
              <process id="Office_Process" isExecutable="true">
                <startEvent id="Start" />
                <sequenceFlow id="F" sourceRef="Start" targetRef="End" />
                <endEvent id="End" />
              </process>
            </definitions>
            """;

        var definition = _compiler.Compile(xml).GetDefinitionOrThrow();

        Assert.Equal(("Office_Process", "Một cửa"), (definition.Key, definition.Name));
    }

    [Fact]
    public void Several_processes_none_executable_are_refused()
    {
        var xml = Head + """<process id="A" /><process id="B" /></definitions>""";

        var problem = Assert.Single(_compiler.Compile(xml).Problems);

        Assert.Equal(("D", DefinitionProblemCodes.NoExecutableProcess), (problem.ElementId, problem.Code));
    }

    [Fact]
    public void A_document_just_over_the_size_limit_is_refused_before_parsing()
    {
        var xml = Head + new string(' ', BpmnReader.MaxCharacters) + "</definitions>";

        var problem = Assert.Single(_compiler.Compile(xml).Problems);

        Assert.Equal(DefinitionProblemCodes.FileTooLarge, problem.Code);
    }

    [Fact]
    public void Pathologically_deep_nesting_is_refused_without_exhausting_the_stack()
    {
        const int levels = 250_000;
        var xml = Head + """<process id="P"><startEvent id="S"><documentation>"""
            + string.Concat(Enumerable.Repeat("<a>", levels)) + string.Concat(Enumerable.Repeat("</a>", levels))
            + "</documentation></startEvent></process></definitions>";

        var problem = Assert.Single(_compiler.Compile(xml).Problems);

        Assert.Equal(DefinitionProblemCodes.XmlTooDeep, problem.Code);
    }

    [Fact]
    public void An_entity_reference_to_a_local_file_never_reads_it()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"dw-secret-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "SECRET-CONTENT");
        try
        {
            var xml = $"""<!DOCTYPE definitions [<!ENTITY s SYSTEM "file://{secret}">]>""" + Head
                + """<process id="P"><startEvent id="S" name="&s;" /></process></definitions>""";

            var problem = Assert.Single(_compiler.Compile(xml).Problems);

            Assert.Equal(DefinitionProblemCodes.DocumentTypeForbidden, problem.Code);
            Assert.DoesNotContain("SECRET", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void A_proper_fork_and_join_is_not_mistaken_for_a_stuck_join()
    {
        var xml = Head + """
              <process id="P" isExecutable="true">
                <startEvent id="Start" />
                <sequenceFlow id="F0" sourceRef="Start" targetRef="Choice" />
                <exclusiveGateway id="Choice" default="F2" />
                <sequenceFlow id="F1" sourceRef="Choice" targetRef="Fork"><conditionExpression>fee &gt; 0</conditionExpression></sequenceFlow>
                <sequenceFlow id="F2" sourceRef="Choice" targetRef="Merge" />
                <parallelGateway id="Fork" />
                <sequenceFlow id="F3" sourceRef="Fork" targetRef="A" />
                <sequenceFlow id="F4" sourceRef="Fork" targetRef="B" />
                <userTask id="A" dw:role="specialist" />
                <userTask id="B" dw:role="specialist" />
                <sequenceFlow id="F5" sourceRef="A" targetRef="Join" />
                <sequenceFlow id="F6" sourceRef="B" targetRef="Join" />
                <parallelGateway id="Join" />
                <sequenceFlow id="F7" sourceRef="Join" targetRef="Merge" />
                <exclusiveGateway id="Merge" />
                <sequenceFlow id="F8" sourceRef="Merge" targetRef="End" />
                <endEvent id="End" />
              </process>
            </definitions>
            """;

        Assert.Empty(_compiler.Compile(xml).Problems);
    }

    [Fact]
    public void An_outcome_set_by_a_service_task_is_not_checked_against_user_task_outcomes()
    {
        var xml = Head + """
              <process id="P" isExecutable="true">
                <startEvent id="Start" />
                <sequenceFlow id="F0" sourceRef="Start" targetRef="Review" />
                <userTask id="Review" dw:role="leader" dw:outcomes="approve" />
                <sequenceFlow id="F1" sourceRef="Review" targetRef="Score" />
                <serviceTask id="Score" dw:handler="notify" />
                <sequenceFlow id="F2" sourceRef="Score" targetRef="G" />
                <exclusiveGateway id="G" default="F4" />
                <sequenceFlow id="F3" sourceRef="G" targetRef="End"><conditionExpression>outcome == "automatic"</conditionExpression></sequenceFlow>
                <sequenceFlow id="F4" sourceRef="G" targetRef="End" />
                <endEvent id="End" />
              </process>
            </definitions>
            """;

        Assert.Empty(_compiler.Compile(xml).Problems);
    }
}
