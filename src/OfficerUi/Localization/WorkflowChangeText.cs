using DossierWorkflow.Engine.Definitions;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Localization;

/// <summary>How one change of a workflow's change summary reads: what happened to which element, and which of its aspects changed.</summary>
internal static class WorkflowChangeText
{
    public static string Describe(this IStringLocalizer text, DefinitionChange change)
    {
        var element = change.Name is { Length: > 0 } name ? $"«{name}» ({change.ElementId})" : change.ElementId;
        var aspects = string.Join(", ", change.Aspects.Select(aspect => text[$"Workflows.Aspect.{aspect}"] is { ResourceNotFound: false } known ? known.Value : aspect));
        return text[$"Workflows.Change.{change.Kind}", element, aspects];
    }
}
