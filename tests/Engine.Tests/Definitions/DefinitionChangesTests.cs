using DossierWorkflow.Engine.Definitions;

namespace DossierWorkflow.Engine.Tests.Definitions;

/// <summary>The change summary of one version against the one before it, element by element.</summary>
public sealed class DefinitionChangesTests
{
    private readonly string _original = DefinitionFolder.Read("Valid", "bpmn-js-reception-approval.bpmn");

    [Fact]
    public void Moving_shapes_or_reformatting_is_no_change()
    {
        var moved = _original.Replace("<dc:Bounds x=\"", "<dc:Bounds x=\"1", StringComparison.Ordinal);

        Assert.NotEqual(_original, moved);
        Assert.Empty(DefinitionChanges.Compare(_original, moved)!);
    }

    [Fact]
    public void A_changed_step_names_what_changed()
    {
        var changed = _original.Replace(
            "name=\"Thẩm định hồ sơ\" dw:role=\"specialist\" dw:durationDays=\"5\"",
            "name=\"Thẩm định và xác minh hồ sơ\" dw:role=\"specialist\" dw:durationDays=\"3\"",
            StringComparison.Ordinal);

        var change = Assert.Single(DefinitionChanges.Compare(_original, changed)!);

        Assert.Equal(new DefinitionChange(DefinitionChangeKind.StepChanged, "Activity_Process", "Thẩm định và xác minh hồ sơ", change.Aspects), change);
        Assert.Equal(["name", "durationDays"], change.Aspects);
    }

    [Fact]
    public void A_step_added_on_a_re_routed_flow_is_a_step_and_flows_added_and_a_flow_re_routed()
    {
        var changed = _original
            .Replace(
                "<bpmn:sequenceFlow id=\"Flow_0processed\" sourceRef=\"Activity_Process\" targetRef=\"Activity_Approve\" />",
                "<bpmn:sequenceFlow id=\"Flow_0processed\" sourceRef=\"Activity_Process\" targetRef=\"Activity_Verify\" />" +
                "<bpmn:userTask id=\"Activity_Verify\" name=\"Xác minh\" dw:role=\"specialist\" dw:durationDays=\"1\" />" +
                "<bpmn:sequenceFlow id=\"Flow_0verified\" sourceRef=\"Activity_Verify\" targetRef=\"Activity_Approve\" />",
                StringComparison.Ordinal)
            .Replace("${outcome == 'refuse'}", "outcome == \"refuse\"", StringComparison.Ordinal);

        var changes = DefinitionChanges.Compare(_original, changed)!;

        Assert.Equal(
            [
                (DefinitionChangeKind.StepAdded, "Activity_Verify"),
                (DefinitionChangeKind.FlowRerouted, "Flow_0processed"),
                (DefinitionChangeKind.ConditionChanged, "Flow_0refuse"),
                (DefinitionChangeKind.FlowAdded, "Flow_0verified"),
            ],
            changes.Select(c => (c.Kind, c.ElementId)).OrderBy(c => c.ElementId, StringComparer.Ordinal));
    }

    [Fact]
    public void Removed_steps_and_flows_are_named_by_their_earlier_names()
    {
        var changed = _original.Replace(
            "<bpmn:sequenceFlow id=\"Flow_0processed\" sourceRef=\"Activity_Process\" targetRef=\"Activity_Approve\" />", "", StringComparison.Ordinal);
        var without = System.Text.RegularExpressions.Regex.Replace(changed, "<bpmn:userTask id=\"Activity_Process\".*?</bpmn:userTask>", "", System.Text.RegularExpressions.RegexOptions.Singleline);

        var changes = DefinitionChanges.Compare(_original, without)!;

        Assert.Contains(new DefinitionChange(DefinitionChangeKind.StepRemoved, "Activity_Process", "Thẩm định hồ sơ", []), changes);
        Assert.Contains(changes, c => c is { Kind: DefinitionChangeKind.FlowRemoved, ElementId: "Flow_0processed" });
    }

    [Fact]
    public void Unreadable_xml_gives_no_summary()
    {
        Assert.Null(DefinitionChanges.Compare(_original, "<not-bpmn/>"));
        Assert.Null(DefinitionChanges.Compare("<oops", _original));
    }
}
