using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Definitions.Bpmn;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.OfficerUi.Localization;

/// <summary>
/// The names of what a dossier records in Vietnamese — its procedure and its workflow's steps — in the UI language.
/// A dossier keeps the procedure's Vietnamese name as received and the journal the steps' BPMN names; in English the
/// procedure's name comes from the catalogue and a step's from its definition's <c>dw:nameEn</c>, else the Vietnamese.
/// </summary>
public sealed class DisplayNames(ProcedureCatalogue catalogue, IWorkflowEngine engine)
{
    private static readonly XNamespace Extensions = BpmnNamespaces.Extensions;

    public static bool InEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>A dossier's procedure: the English name of the catalogue's version with the recorded Vietnamese name (else the current one).</summary>
    public string Procedure(string code, string recordedName)
    {
        if (!InEnglish || catalogue.FindByCode(code) is not { } procedure)
        {
            return recordedName;
        }

        var version = procedure.Versions.LastOrDefault(v => v.NameVi == recordedName) ?? procedure.Versions[^1];
        return version.NameEn;
    }

    /// <summary>A line of a dossier's documents: its English name in the procedure version the dossier was received under, in English.</summary>
    public static string Document(Dossier dossier, DossierDocument document) =>
        InEnglish && dossier.ProcedureVersion.Documents.ElementAtOrDefault(document.Position) is { } line && line.NameVi == document.Name
            ? line.NameEn
            : document.Name;

    /// <summary>
    /// The names to show for the elements of one workflow version, by element id: its English names in English, none
    /// otherwise (the recorded Vietnamese names stand). Compiled definitions are cached by the engine.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> StepsAsync(string definitionKey, int version, CancellationToken cancellationToken) =>
        InEnglish ? (await engine.GetDefinitionAsync(definitionKey, version, cancellationToken)).EnglishNames : Empty;

    /// <summary>A step's name: its English name in English when the definition has one, else the recorded name.</summary>
    public async Task<string> StepAsync(WorkItem step, CancellationToken cancellationToken) =>
        (await StepsAsync(step.DefinitionKey, step.DefinitionVersion, cancellationToken)).GetValueOrDefault(step.ElementId, step.Name);

    /// <summary>An element of a compiled definition, named in the UI language.</summary>
    public static string Step(ExecutableDefinition definition, ExecutableNode step) =>
        InEnglish ? definition.EnglishNames.GetValueOrDefault(step.Id, step.DisplayName) : step.DisplayName;

    /// <summary>A workflow's BPMN for the diagram, its labels in the UI language (the <c>name</c> of every element that has a <c>dw:nameEn</c>).</summary>
    public static string Diagram(string bpmn)
    {
        if (!InEnglish)
        {
            return bpmn;
        }

        using var reader = XmlReader.Create(new StringReader(bpmn), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var document = XDocument.Load(reader);
        foreach (var element in document.Descendants())
        {
            if (element.Attribute(Extensions + "nameEn")?.Value is { Length: > 0 } english)
            {
                element.SetAttributeValue("name", english);
            }
        }

        return document.ToString(SaveOptions.DisableFormatting);
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
