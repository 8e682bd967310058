using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.Pages.Dossiers;

/// <summary>
/// A dossier as its officers see it: the summary (procedure and the version in force at receipt, channel, status,
/// appointment and its history), the applicant, the documents and their scans, the fee, the forms issued, and the
/// timeline read from its workflow's journal with who holds it now. Only officers of the units handling it see it
/// (<see cref="DossierAccess"/>), and each view is recorded (who, when); administrators see those records here.
/// </summary>
public sealed class DetailsModel(
    DossiersDbContext db,
    DossierAccess access,
    DossierExtensions extensions,
    IWorkflowStore workflow,
    IWorkflowEngine engine,
    OrganisationUnits organisation,
    DisplayNames names,
    CurrentWorkingCalendar calendar) : PageModel
{
    /// <summary>At most this many views are listed for administrators, newest first.</summary>
    public const int ViewsListed = 50;

    public Dossier Dossier { get; private set; } = null!;

    public string UnitName { get; private set; } = "";

    public DossierTimeline Timeline { get; private set; } = null!;

    /// <summary>The open steps this officer may complete (held by them, or waiting in one of their queues).</summary>
    public IReadOnlySet<Guid> Actionable { get; private set; } = new HashSet<Guid>();

    /// <summary>The diagram's elements the dossier is at now (tasks, waits), and those it has passed (nodes and flows).</summary>
    public IReadOnlyList<string> CurrentElements { get; private set; } = [];

    public IReadOnlyList<string> DoneElements { get; private set; } = [];

    /// <summary>Whether the officer receives dossiers at the dossier's receiving unit (records supplements, returns results).</summary>
    public bool AtReceivingCounter => User.UnitRoles().Contains((Roles.Reception, Dossier.ReceivingUnit));

    /// <summary>Whether the officer may propose or approve the dossier's one extension (form 04).</summary>
    public bool MayExtend =>
        (User.UnitRoles().Contains((Roles.Specialist, Dossier.ReceivingUnit)) || User.UnitRoles().Contains((Roles.Leader, Dossier.ReceivingUnit)))
        && extensions.MayBeExtended(Dossier);

    /// <summary>Whether the dossier is undecided and the officer may record its withdrawal (form 05).</summary>
    public bool MayWithdraw => DossierStops.IsUndecided(Dossier.Status) && StopModel.May(User, Dossier, withdrawal: true);

    /// <summary>Whether the dossier is undecided and the officer, a leader of its unit, may stop it (form 05).</summary>
    public bool MayStop => DossierStops.IsUndecided(Dossier.Status) && Dossier.Status != DossierStatus.New && StopModel.May(User, Dossier, withdrawal: false);

    /// <summary>Whether the dossier's workflow still runs (an administrator may then move its step).</summary>
    public bool Running { get; private set; }

    /// <summary>Whether the officer may record the documents a supplement request waits for.</summary>
    public bool MayRecordSupplement => Dossier.Status == DossierStatus.SupplementRequested && AtReceivingCounter;

    /// <summary>Who viewed the dossier, newest first: for administrators only (null for others).</summary>
    public IReadOnlyList<AuditEntry>? Views { get; private set; }

    /// <summary>The full names of the officers the page mentions, by user name.</summary>
    public IReadOnlyDictionary<string, string> OfficerNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>What the applicant was told, by which channel and when (each notice once per channel).</summary>
    public IReadOnlyList<DossierWorkflow.Dossiers.Notifications.NotificationDelivery> Notices { get; private set; } = [];

    /// <summary>An instant as the office reads it (<c>HH:mm dd/MM/yyyy</c>, Vietnam time).</summary>
    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm dd/MM/yyyy");

    /// <summary>An officer by full name, or by user name when unknown; empty for none.</summary>
    public string NameOf(string? userName) => userName is null ? "" : OfficerNames.GetValueOrDefault(userName, userName);

    /// <summary>The BPMN of the workflow version the dossier runs on, for the diagram (no personal data; not a recorded view).</summary>
    public async Task<IActionResult> OnGetDiagramAsync(string code, CancellationToken cancellationToken)
    {
        var dossier = await access.FindAsync(User, db.Set<Dossier>().AsNoTracking(), code, cancellationToken);
        if (dossier?.WorkflowInstanceId is not { } instance)
        {
            return NotFound();
        }

        var position = await engine.GetPositionAsync(instance, cancellationToken);
        return await workflow.FindDefinitionAsync(position.DefinitionKey, position.DefinitionVersion, cancellationToken) is { Source: { } source }
            ? Content(DisplayNames.Diagram(source), "application/xml")
            : NotFound();
    }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var dossier = await access.FindAsync(User, db.Set<Dossier>().AsNoTracking()
            .Include(d => d.Documents).Include(d => d.Files).Include(d => d.Forms).Include(d => d.Appointments)
            .Include(d => d.Payments).Include(d => d.Handovers).Include(d => d.Extensions)
            .AsSplitQuery(), code, cancellationToken);
        if (dossier is null)
        {
            return NotFound();
        }

        await access.RecordViewAsync(dossier, cancellationToken);

        Dossier = dossier;
        UnitName = (await organisation.GetAsync(db, cancellationToken)).FirstOrDefault(u => u.Code == dossier.ReceivingUnit)?.Name ?? dossier.ReceivingUnit;
        var position = dossier.WorkflowInstanceId is { } instanceId ? await engine.GetPositionAsync(instanceId, cancellationToken) : null;
        var (journal, called) = position is not null ? await DossierTimeline.ReadAsync(workflow, position.InstanceId, cancellationToken) : ([], []);
        var stepNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var definitions = called.Select(i => (i.DefinitionKey, i.DefinitionVersion));
        foreach (var (key, version) in position is null ? definitions : definitions.Prepend((position.DefinitionKey, position.DefinitionVersion)).Distinct())
        {
            foreach (var (element, name) in await names.StepsAsync(key, version, cancellationToken))
            {
                stepNames.TryAdd(element, name);
            }
        }

        Timeline = DossierTimeline.From(journal, calendar.Calendar, stepNames);
        if (position is not null)
        {
            CurrentElements = position.ActiveElementIds;
            Running = position.Status == InstanceStatus.Running;
            DoneElements = [.. journal
                .Where(e => e.Kind is JournalEntryKind.NodeEntered or JournalEntryKind.NodeLeft && e.ElementId is not null)
                .SelectMany(e => e.Kind == JournalEntryKind.NodeLeft && e.Detail is { } flows && !flows.StartsWith("interrupted", StringComparison.Ordinal)
                    ? flows.Split(',', StringSplitOptions.RemoveEmptyEntries).Append(e.ElementId!)
                    : [e.ElementId!])
                .Distinct()
                .Except(CurrentElements)];
        }

        var open = await engine.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = dossier.Code }, cancellationToken);
        Actionable = open.Where(step => Tasks.WorkQueues.MayComplete(User, step)).Select(step => step.Id).ToHashSet();
        var mentioned = Timeline.Entries.SelectMany(e => new[] { e.Actor, e.Holder, e.PreviousHolder })
            .Concat(Timeline.OpenSteps.Select(s => s.Holder))
            .Concat(dossier.Appointments.Select(a => a.ChangedBy))
            .Concat(dossier.Handovers.Select(h => h.RecordedBy))
            .Concat(dossier.Files.Where(f => f.Kind == DossierFileKind.Draft).Select(f => f.UploadedBy))
            .Append(dossier.ReceivedBy)
            .OfType<string>()
            .Distinct()
            .ToList();
        if (User.IsInRole(Roles.Administrator))
        {
            Views = await db.Set<AuditEntry>().AsNoTracking()
                .Where(e => e.DossierCode == dossier.Code && e.Action == AuditActions.DossierViewed)
                .OrderByDescending(e => e.At)
                .Take(ViewsListed)
                .ToListAsync(cancellationToken);
            mentioned.AddRange(Views.Select(v => v.Actor));
        }

        OfficerNames = await db.OfficerNamesAsync(mentioned, cancellationToken);
        Notices = await db.Set<DossierWorkflow.Dossiers.Notifications.NotificationDelivery>().AsNoTracking()
            .Where(n => n.DossierCode == dossier.Code).OrderBy(n => n.SentAt).ToListAsync(cancellationToken);

        return Page();
    }
}
