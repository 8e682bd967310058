using System.Text.Json;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Dossiers.WorkflowDesign;
using DossierWorkflow.Engine.Conditions;
using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Admin.Workflows;

/// <summary>
/// The workflow designer of one procedure: the draft (or, before there is one, the current version) in the bpmn-js
/// modeler, saved to the procedure's draft with the engine's problems listed. What the designer offers — the supported
/// elements, roles, departments, handlers, forms, results, the legal time — comes from the server.
/// </summary>
[Authorize(Policy = Policies.InstallationAdministrator)]
public sealed class DesignModel(
    WorkflowVersions versions,
    OrganisationUnits organisation,
    DossiersDbContext db,
    CurrentWorkingCalendar calendar,
    TimeProvider time,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public WorkflowHistory History { get; private set; } = null!;

    public Procedure Procedure => History.Procedure;

    /// <summary>What the designer offers and its texts, as JSON for the page's script.</summary>
    public string Config { get; private set; } = "{}";

    /// <summary>The draft's problems at its last save, as JSON.</summary>
    public string Problems { get; private set; } = "[]";

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        if (await versions.GetAsync(key, cancellationToken) is not { } history)
        {
            return NotFound();
        }

        History = history;
        Config = JsonSerializer.Serialize(await ConfigAsync(cancellationToken), JsonSerializerOptions.Web);
        Problems = JsonSerializer.Serialize(ProblemsOf(history.Draft?.Problems ?? []), JsonSerializerOptions.Web);
        return Page();
    }

    /// <summary>The BPMN the designer opens: the draft, or the current version when there is no draft yet.</summary>
    public async Task<IActionResult> OnGetSourceAsync(string key, CancellationToken cancellationToken)
    {
        if (await versions.GetAsync(key, cancellationToken) is not { } history)
        {
            return NotFound();
        }

        var source = history.Draft?.Draft.Source
            ?? (history.Versions.FirstOrDefault() is { } current ? await versions.SourceAsync(history.Procedure.Key, current.Version, cancellationToken) : null)
            ?? history.Procedure.WorkflowBpmn;
        return Content(source, "application/xml");
    }

    /// <summary>Saves the designer's BPMN as the draft; answers its problems and its changes from the current version.</summary>
    public async Task<IActionResult> OnPostSaveAsync(string key, [FromForm] string? source, CancellationToken cancellationToken)
    {
        if (await versions.GetAsync(key, cancellationToken) is not { } history)
        {
            return NotFound();
        }

        var basedOn = history.Draft is null ? history.Versions.FirstOrDefault()?.Version : null;
        var saved = await versions.SaveDraftAsync(history.Procedure.Key, source ?? "", basedOn, User.Identity!.Name!, cancellationToken);
        if (saved.Refusal is { } refusal)
        {
            return new JsonResult(new { refusal = text.Problem($"Workflows.Error.{refusal.Code}", refusal.Arguments) });
        }

        var changes = (await versions.GetAsync(key, cancellationToken))?.Draft?.Changes ?? [];
        return new JsonResult(new
        {
            refusal = (string?)null,
            problems = ProblemsOf(saved.Problems),
            changes = changes.Select(change => text.Describe(change)),
            savedAt = calendar.Calendar.ToLocal(time.GetUtcNow()).ToString("HH:mm:ss"),
        });
    }

    /// <summary>Checks a flow's condition as it is typed: null, or the message of its first error.</summary>
    public IActionResult OnPostCheckCondition([FromForm] string? expression)
    {
        var parsed = ConditionExpression.Parse(expression ?? "");
        return new JsonResult(new { error = parsed.IsValid ? null : parsed.Error!.ToString() });
    }

    private static IEnumerable<object> ProblemsOf(IEnumerable<DefinitionProblem> problems) =>
        problems.Select(p => new { elementId = p.ElementId, message = p.Message });

    private async Task<object> ConfigAsync(CancellationToken cancellationToken)
    {
        var units = await organisation.GetAsync(db, cancellationToken);
        var departments = units.Where(u => u.Kind == UnitKind.Department && u.IsActive)
            .GroupBy(u => u.Code[(u.Code.LastIndexOf('.') + 1)..], StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new { value = g.Key, label = $"{g.Key} — {g.First().Name}" });
        string[] taskRoles = [Roles.Reception, Roles.Specialist, Roles.Leader, Roles.Clerk];
        string[] labels =
        [
            "nameEn", "role", "unitScope", "unitScope.receiving", "unitScope.parent", "unitScope.department", "durationDays", "durationDays.total",
            "durationDays.over", "durationDays.invalid", "outcomes", "outcomes.help", "outcomes.invalid", "handler", "form", "result", "correlationKey",
            "correlationKey.help", "timer", "timer.help", "timer.invalid", "timer.workingDays", "condition", "condition.help", "condition.outcome",
            "group.step", "group.service", "group.timer", "group.message", "group.end", "group.condition", "unsaved", "saving", "saved", "saveFailed",
            "problems", "problems.one", "valid",
        ];
        return new
        {
            supported = new { elements = DefinitionSupport.Elements.Order(StringComparer.Ordinal), eventDefinitions = DefinitionSupport.EventDefinitions.Order(StringComparer.Ordinal) },
            roles = taskRoles.Select(role => new { value = role, label = text[$"Role.{role}"].Value }),
            departments,
            handlers = ServiceTaskHandlerNames.All.Select(handler => new { value = handler, label = text[$"Designer.Handler.{handler}"].Value }),
            forms = Enumerable.Range(1, 7).Select(n => $"{n:00}").Select(form => new { value = form, label = $"{form} — {text[$"Form.{form}"].Value}" }),
            results = new[] { "resolved", "refused", "withdrawn", "stopped" }.Select(result => new { value = result, label = text[$"Designer.Result.{result}"].Value }),
            legalDays = Procedure.VersionOn(DateOnly.FromDateTime(calendar.Calendar.ToLocal(time.GetUtcNow()).DateTime))?.ProcessingTime.WorkingDays ?? Procedure.Versions[^1].ProcessingTime.WorkingDays,
            labels = labels.ToDictionary(label => label, label => text[$"Designer.{label}"].Value),
        };
    }
}
