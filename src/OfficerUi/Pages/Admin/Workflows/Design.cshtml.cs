using System.Text.Json;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
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
    WorkflowTestRuns testRuns,
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

    /// <summary>Now, in office time, as the test run's receipt field writes it.</summary>
    public string Now => calendar.Calendar.ToLocal(time.GetUtcNow()).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

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

        return new JsonResult(new
        {
            refusal = (string?)null,
            problems = ProblemsOf(saved.Problems),
            changes = (saved.Changes ?? []).Select(change => text.Describe(change)),
            savedAt = calendar.Calendar.ToLocal(time.GetUtcNow()).ToString("HH:mm:ss"),
        });
    }

    /// <summary>
    /// Test-runs the diagram as it is in the designer (saved or not): the path, each step's due date and the dossier's
    /// appointment; or the problems that keep it from running.
    /// </summary>
    public async Task<IActionResult> OnPostTestRunAsync(
        string key,
        [FromForm] string? source,
        [FromForm] DateTime? receivedAt,
        [FromForm] string? receivingUnit,
        [FromForm] ResultDelivery? delivery,
        [FromForm] string? outcomes,
        CancellationToken cancellationToken)
    {
        var local = receivedAt ?? calendar.Calendar.ToLocal(time.GetUtcNow()).DateTime;
        var at = calendar.Calendar.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        Dictionary<string, string>? chosen;
        try
        {
            chosen = string.IsNullOrWhiteSpace(outcomes) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(outcomes);
        }
        catch (JsonException)
        {
            chosen = null;
        }

        var outcome = await testRuns.RunAsync(
            key,
            source ?? "",
            new WorkflowTestRunRequest(at, receivingUnit ?? "", ReceptionChannel.Counter, delivery ?? ResultDelivery.Counter)
            {
                Outcomes = (chosen ?? []).Where(c => !string.IsNullOrEmpty(c.Value)).ToDictionary(c => c.Key, c => (IReadOnlyList<string>)[c.Value]),
            },
            cancellationToken);
        if (outcome.Run is not { } run)
        {
            return new JsonResult(new { problems = ProblemsOf(outcome.Problems) });
        }

        string Local(DateTimeOffset? instant) => instant is { } value ? calendar.Calendar.ToLocal(value).ToString("HH:mm dd/MM/yyyy") : "";
        var appointment = outcome.Deadline!.AppointmentDate;
        var resolvedAt = WorkflowTestRuns.ResolvedAt(run);
        return new JsonResult(new
        {
            problems = Array.Empty<object>(),
            steps = run.Steps.Select(step => new
            {
                elementId = step.ElementId,
                name = step.Name,
                role = step.Role is { } role ? text[$"Role.{role}"].Value : "",
                createdAt = Local(step.CreatedAt),
                dueAt = Local(step.DueAt),
                completedAt = Local(step.CompletedAt),
                outcome = step.Outcome,
            }),
            elements = run.Elements,
            flows = run.Flows,
            ended = run.EndedAt is not null,
            result = run.Result is { } result ? text[$"Designer.Result.{result}"].Value : null,
            endedAt = Local(run.EndedAt),
            appointment = Local(appointment),
            resolvedAt = Local(resolvedAt),
            late = resolvedAt is { } resolved && resolved > appointment,
            stopped = run.StoppedBecause is { } reason ? text[$"Designer.TestRun.Stopped.{reason}"].Value : null,
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
        var communes = units.Where(u => u.Kind is UnitKind.Commune or UnitKind.Province && u.IsActive && u.AgencyCode != null)
            .OrderBy(u => u.Kind == UnitKind.Province).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => new { value = u.Code, label = u.Name });
        string[] taskRoles = [Roles.Reception, Roles.Specialist, Roles.Leader, Roles.Clerk];
        string[] labels =
        [
            "nameEn", "role", "unitScope", "unitScope.receiving", "unitScope.parent", "unitScope.department", "durationDays", "durationDays.total",
            "durationDays.over", "durationDays.invalid", "outcomes", "outcomes.help", "outcomes.invalid", "handler", "form", "result", "correlationKey",
            "correlationKey.help", "timer", "timer.help", "timer.invalid", "timer.workingDays", "condition", "condition.help", "condition.outcome",
            "group.step", "group.service", "group.timer", "group.message", "group.end", "group.condition", "unsaved", "saving", "saved", "saveFailed",
            "problems", "problems.one", "valid", "testRun.running", "testRun.failed", "testRun.invalid", "testRun.usual", "testRun.ended", "testRun.notEnded",
            "testRun.onTime", "testRun.late", "testRun.appointment", "group.call", "call.calledElement", "call.calledElement.help", "call.version",
            "call.version.help", "call.version.invalid", "call.inputs", "call.inputs.help", "call.outputs", "call.outputs.help", "group.loop",
            "loop.collection", "loop.collection.help", "loop.elementVariable", "loop.elementVariable.help", "loop.outputElement", "loop.outputElement.help",
            "loop.outputCollection", "loop.outputCollection.help",
        ];
        return new
        {
            supported = new { elements = DefinitionSupport.Elements.Order(StringComparer.Ordinal), eventDefinitions = DefinitionSupport.EventDefinitions.Order(StringComparer.Ordinal) },
            roles = taskRoles.Select(role => new { value = role, label = text[$"Role.{role}"].Value }),
            departments,
            communes,
            handlers = ServiceTaskHandlerNames.All.Select(handler => new { value = handler, label = text[$"Designer.Handler.{handler}"].Value }),
            forms = Enumerable.Range(1, 7).Select(n => $"{n:00}").Select(form => new { value = form, label = $"{form} — {text[$"Form.{form}"].Value}" }),
            results = new[] { "resolved", "refused", "withdrawn", "stopped" }.Select(result => new { value = result, label = text[$"Designer.Result.{result}"].Value }),
            legalDays = Procedure.VersionOn(DateOnly.FromDateTime(calendar.Calendar.ToLocal(time.GetUtcNow()).DateTime))?.ProcessingTime.WorkingDays ?? Procedure.Versions[^1].ProcessingTime.WorkingDays,
            labels = labels.ToDictionary(label => label, label => text[$"Designer.{label}"].Value),
        };
    }
}
