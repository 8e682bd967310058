using System.Globalization;
using System.Text.Json.Nodes;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine.Handlers;

namespace DossierWorkflow.Dossiers.Forms;

/// <summary>
/// <c>dw:handler="issue-form" dw:form="01"</c>: records, in the dossier's transaction, that a legal form was issued at this
/// step — which form, when, by which element — in the instance variable <c>issuedForms</c>. The PDF is rendered from
/// that record and the dossier's data whenever it is printed, with the template version of the receipt date.
/// </summary>
internal sealed class IssueFormHandler : IServiceTaskHandler
{
    public const string VariableName = "issuedForms";

    private static readonly HashSet<string> KnownForms = ["01", "02", "03", "04", "05", "06", "07"];

    public string Name => ServiceTaskHandlerNames.IssueForm;

    public ValueTask<ServiceTaskResult> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        if (!context.Parameters.TryGetValue("form", out var form) || !KnownForms.Contains(form.Trim()))
        {
            throw new InvalidOperationException(
                $"Step '{context.ElementId}' must name the form to issue with dw:form=\"01\" … \"07\" (got '{form}'). Fix the definition and retry the incident.");
        }

        var issued = context.Variables[VariableName] as JsonArray ?? [];
        var copy = JsonNode.Parse(issued.ToJsonString())!.AsArray();
        copy.Add(new JsonObject
        {
            ["form"] = form.Trim(),
            ["element"] = context.ElementId,
            ["issuedAt"] = context.Now.ToString("O", CultureInfo.InvariantCulture),
        });
        return ValueTask.FromResult(new ServiceTaskResult(new JsonObject { [VariableName] = copy }));
    }
}
