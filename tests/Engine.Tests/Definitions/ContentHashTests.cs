using System.Xml.Linq;
using DossierWorkflow.Engine.Definitions.Compilation;

namespace DossierWorkflow.Engine.Tests.Definitions;

public sealed class ContentHashTests
{
    private readonly BpmnDefinitionCompiler _compiler = new(DefinitionFolder.RegisteredHandlers);
    private readonly string _original = DefinitionFolder.Read("Valid", "bpmn-js-reception-approval.bpmn");

    [Fact]
    public void Reformatting_the_xml_keeps_the_hash()
    {
        var oneLine = XDocument.Parse(_original).ToString(SaveOptions.DisableFormatting);
        var tabs = _original.Replace("  ", "\t", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        var commented = _original.Replace("<bpmn:process ", "<!-- saved by the designer -->\n<bpmn:process ", StringComparison.Ordinal);

        Assert.All([oneLine, tabs, commented], xml => Assert.Equal(HashOf(_original), HashOf(xml)));
    }

    [Fact]
    public void Reordering_attributes_and_renaming_prefixes_keeps_the_hash()
    {
        var reordered = _original.Replace(
            "<bpmn:sequenceFlow id=\"Flow_0start\" sourceRef=\"StartEvent_1\" targetRef=\"Activity_Check\" />",
            "<bpmn:sequenceFlow targetRef=\"Activity_Check\" sourceRef=\"StartEvent_1\" id=\"Flow_0start\" />",
            StringComparison.Ordinal);
        var renamed = _original
            .Replace("xmlns:bpmn=", "xmlns:model=", StringComparison.Ordinal)
            .Replace("<bpmn:", "<model:", StringComparison.Ordinal)
            .Replace("</bpmn:", "</model:", StringComparison.Ordinal)
            .Replace("xsi:type=\"bpmn:", "xsi:type=\"model:", StringComparison.Ordinal);

        Assert.NotEqual(_original, reordered);
        Assert.Equal(HashOf(_original), HashOf(reordered));
        Assert.Equal(HashOf(_original), HashOf(renamed));
    }

    [Theory]
    [InlineData("dw:role=\"leader\"", "dw:role=\"specialist\"")]
    [InlineData("outcome == \"supplement\"", "outcome != \"supplement\"")]
    [InlineData("<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P1D<", "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P2D<")]
    [InlineData("name=\"Phê duyệt\"", "name=\"Phê duyệt hồ sơ\"")]
    public void A_changed_definition_gets_a_new_hash(string before, string after)
    {
        var changed = _original.Replace(before, after, StringComparison.Ordinal);

        Assert.NotEqual(_original, changed);
        Assert.NotEqual(HashOf(_original), HashOf(changed));
    }

    private string HashOf(string xml) => _compiler.Compile(xml).GetDefinitionOrThrow().ContentHash;
}
