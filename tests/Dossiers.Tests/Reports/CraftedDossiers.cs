using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Tests.Workflow;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Dossiers.Tests.Reports;

/// <summary>Dossiers for the reports' tests, taken through the status rules at known moments (Vietnamese time).</summary>
public sealed class CraftedDossiers(WorkflowDatabase database)
{
    private static readonly VietnameseWorkingCalendar Calendar = new([]);
    private int _sequence;

    /// <summary>A dossier taken through the status rules at the moments given (null: still waiting at reception).</summary>
    public async Task<Dossier> AddAsync(
        DateTimeOffset? accepted,
        ReceptionChannel channel = ReceptionChannel.Counter,
        string unit = "HN.HOANKIEM",
        DateTimeOffset? appointment = null,
        DateTimeOffset? extendedTo = null,
        DateTimeOffset? resolved = null,
        DateTimeOffset? refused = null,
        DateTimeOffset? supplementAt = null,
        (DossierStatus Status, DateTimeOffset At)? closed = null,
        (string Code, string Sector, string Name)? procedure = null)
    {
        var (code, sector, name) = procedure ?? ("1.001193", "Hộ tịch", "Thủ tục đăng ký khai sinh");
        var dossier = new Dossier
        {
            Id = Guid.NewGuid(),
            Code = $"000.00.25.H26-261201-{++_sequence:0000}-{Guid.NewGuid():N}"[..40],
            ProcedureCode = code, ProcedureKey = "birth-registration", ProcedureName = name,
            Sector = sector, ProcedureVersionJson = "{}", FormTemplateVersion = "TT03-2025", ReceivingUnit = unit, Channel = channel,
            Applicant = new DossierApplicant { Name = "Nguyễn Văn Án" }, FeeExplanation = "", ReceivedBy = "tiepnhan",
            ReceivedAt = accepted ?? At(2026, 12, 1, 8),
        };
        dossier.MoveTo(DossierStatus.New, dossier.ReceivedAt);
        if (accepted is { } acceptedAt)
        {
            dossier.AppointmentAt = appointment ?? acceptedAt.AddDays(3);
            dossier.MoveTo(DossierStatus.Accepted, acceptedAt);
            dossier.MoveTo(DossierStatus.InProgress, acceptedAt.AddMinutes(1));
            if (extendedTo is { } extended)
            {
                dossier.AppointmentAt = extended;
            }

            if (supplementAt is { } supplement)
            {
                dossier.MoveTo(DossierStatus.SupplementRequested, supplement);
            }

            if (resolved is { } resolvedAt)
            {
                dossier.MoveTo(DossierStatus.Resolved, resolvedAt);
            }

            if (refused is { } refusedAt)
            {
                dossier.MoveTo(DossierStatus.Refused, refusedAt);
            }

            if (closed is { } close)
            {
                dossier.MoveTo(close.Status, close.At);
            }
        }

        await using var db = database.CreateContext();
        db.Add(dossier);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return dossier;
    }

    /// <summary>A step of <paramref name="dossier"/>'s workflow: open, or completed by <paramref name="officer"/> at <paramref name="completed"/>.</summary>
    public static StoredWorkItem Step(
        Dossier dossier, string element = "Task_Process", string name = "Thẩm định hồ sơ", string role = "specialist", DateTimeOffset? created = null,
        string? officer = null, DateTimeOffset? completed = null, Guid? instance = null, string? unit = null, DateTimeOffset? due = null) => new()
    {
        Id = Guid.NewGuid(),
        InstanceId = instance ?? Guid.NewGuid(),
        TokenId = Guid.NewGuid(),
        DefinitionKey = dossier.ProcedureKey,
        DefinitionVersion = 1,
        BusinessKey = dossier.Code,
        ElementId = element,
        Name = name,
        CandidateRole = role,
        CandidateUnit = unit ?? dossier.ReceivingUnit,
        Outcomes = "",
        Assignee = officer,
        Status = completed is null ? WorkItemStatus.Open : WorkItemStatus.Completed,
        CreatedAt = created ?? dossier.AcceptedAt!.Value,
        DueAt = due,
        CompletedAt = completed,
        CompletedBy = completed is null ? null : officer,
    };

    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) => Calendar.At(new DateOnly(year, month, day), new TimeOnly(hour, minute));
}

/// <summary>The reports' tests: each on a database of its own with the demo organisation, and dossiers crafted on it.</summary>
public abstract class ReportTests(WorkflowDatabase database) : IAsyncLifetime
{
    protected WorkflowDatabase Database { get; } = database;

    protected CraftedDossiers Dossiers { get; } = new(database);

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        await using var db = Database.CreateContext();
        await DemoOrganisation.SeedAsync(db, TimeProvider.System, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
