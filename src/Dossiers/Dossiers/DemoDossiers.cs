using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// A living office for the zero-setup run (<c>Seeding:DemoDossiers</c>): dossiers of the two demo communes in every state
/// — waiting at reception, refused, waiting for a supplement, queued, held and overdue at the specialist, waiting for the
/// leader, resolved and waiting at the counter, returned, withdrawn — each made through the same domain services as an
/// officer's action, one transaction each. The same count always gives the same dossiers (a fixed seed).
/// </summary>
public static class DemoDossiers
{
    private static readonly string[] Surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] MaleMiddle = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh"];
    private static readonly string[] FemaleMiddle = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hoài"];
    private static readonly string[] MaleGiven = ["An", "Bình", "Dũng", "Hải", "Hùng", "Huy", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Thành", "Tuấn", "Việt"];
    private static readonly string[] FemaleGiven = ["Anh", "Hà", "Hạnh", "Hoa", "Lan", "Linh", "Mai", "My", "Nga", "Nhung", "Phương", "Thảo", "Trang", "Uyên", "Yến"];
    private static readonly string[] Streets = ["phố Hàng Bông", "phố Hàng Gai", "phố Lý Thái Tổ", "phố Đinh Tiên Hoàng", "phố Tràng Tiền", "phố Hàng Bạc", "đường Núi Đôi", "thôn Đông Hạ"];

    /// <summary>The demo communes, with their officers by role.</summary>
    private static readonly (string Unit, string Reception, string ReceptionName, string Specialist, string SpecialistName, string Leader, string LeaderName)[] Communes =
    [
        ("HN.HOANKIEM", "tiepnhan", "Nguyễn Thị Hồng Nhung", "chuyenvien", "Trần Văn Minh", "lanhdao", "Lê Quang Huy"),
        ("HN.SOCSON", "tiepnhan.socson", "Hoàng Văn Nam", "chuyenvien.socson", "Bùi Thị Mai", "lanhdao.socson", "Ngô Văn Thành"),
    ];

    private enum Target
    {
        WaitingAtReception,
        Refused,
        SupplementAtReception,
        Queued,
        Held,
        SupplementInProcessing,
        AtLeader,
        Resolved,
        Returned,
        Withdrawn,
    }

    /// <summary>How the <see cref="Target"/>s are shared out (out of 100).</summary>
    private static readonly (Target Target, int Share)[] Shares =
    [
        (Target.WaitingAtReception, 8), (Target.Refused, 4), (Target.SupplementAtReception, 7), (Target.Queued, 18), (Target.Held, 10),
        (Target.SupplementInProcessing, 6), (Target.AtLeader, 10), (Target.Resolved, 10), (Target.Returned, 24), (Target.Withdrawn, 3),
    ];

    /// <summary>Adds <paramref name="count"/> dossiers when the database has none yet.</summary>
    public static async Task SeedAsync(IServiceProvider services, int count, CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            if (count <= 0 || await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Dossier>().AnyAsync(cancellationToken))
            {
                return;
            }
        }

        var random = new Random(2026);
        var catalogue = services.GetRequiredService<ProcedureCatalogue>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = services.GetRequiredService<CurrentWorkingCalendar>().Calendar.LocalDate(now);
        // The communes' own procedures: those of the province, and the linked ones that hand a dossier to another agency's
        // workflow, take steps the demo's walk through a commune does not make.
        var procedures = catalogue.Procedures
            .Where(p => p.VersionOn(today) is { ImplementingLevel: UnitLevel.Commune, ConsultsDepartments: false } && p.CalledWorkflows.IsEmpty)
            .ToList();
        for (var i = 0; i < count; i++)
        {
            var commune = Communes[i % Communes.Length];
            var procedure = procedures[random.Next(procedures.Count)];
            var target = Pick(random);
            // A supplement during processing is asked within three working days of receipt: those arrive today.
            var channel = target == Target.WaitingAtReception ? ReceptionChannel.Online
                : target != Target.SupplementInProcessing && random.Next(10) < 3 ? ReceptionChannel.Postal
                : ReceptionChannel.Counter;

            // Post that arrived days ago: those still in processing are late now.
            DateTimeOffset? arrived = channel == ReceptionChannel.Postal ? now.AddDays(-random.Next(1, 20)).AddHours(-random.Next(8)) : null;
            var request = Request(random, procedure.GetVersionOn(today), procedure.Code, commune, channel, arrived, target);
            var code = await RunAsync(services, async s =>
            {
                var result = await s.GetRequiredService<DossierReception>().ReceiveAsync(request, cancellationToken);
                return result is ReceptionResult.Received received
                    ? received.Dossier.Code
                    : throw new InvalidOperationException($"A demo dossier of {procedure.Code} was not received: {string.Join(", ", ((ReceptionResult.Invalid)result).Problems)}.");
            }, cancellationToken);
            await AdvanceAsync(services, code, target, commune, random, cancellationToken);
        }
    }

    private static Target Pick(Random random)
    {
        var roll = random.Next(100);
        foreach (var (target, share) in Shares)
        {
            if (roll < share)
            {
                return target;
            }

            roll -= share;
        }

        return Target.Returned;
    }

    private static ReceptionRequest Request(
        Random random, ProcedureVersion version, string procedureCode, (string Unit, string Reception, string ReceptionName, string, string, string, string) commune,
        ReceptionChannel channel, DateTimeOffset? arrived, Target target)
    {
        var female = random.Next(2) == 0;
        var born = new DateOnly(1950 + random.Next(55), 1 + random.Next(12), 1 + random.Next(28));
        string[] middles = female ? FemaleMiddle : MaleMiddle, givens = female ? FemaleGiven : MaleGiven;
        var name = $"{Surnames[random.Next(Surnames.Length)]} {middles[random.Next(middles.Length)]} {givens[random.Next(givens.Length)]}";
        var centuryDigit = (born.Year >= 2000 ? 2 : 0) + (female ? 1 : 0);
        var citizenId = $"001{centuryDigit}{born.Year % 100:00}{random.Next(1_000_000):000000}";
        var decision = target switch
        {
            Target.WaitingAtReception => (ReceptionDecision?)null,
            Target.Refused => ReceptionDecision.Refuse,
            Target.SupplementAtReception => ReceptionDecision.Supplement,
            _ => ReceptionDecision.Accept,
        };
        var mandatory = version.Documents.Select((line, position) => (line, position)).Where(d => d.line.Requirement == DocumentRequirement.Mandatory).ToList();
        return new ReceptionRequest
        {
            ProcedureCode = procedureCode,
            ReceivingUnit = commune.Unit,
            Channel = channel,
            ArrivedAt = arrived,
            Applicant = new DossierApplicant
            {
                Kind = ApplicantKind.Person,
                Name = name,
                CitizenId = citizenId,
                DateOfBirth = born,
                Gender = female ? Gender.Female : Gender.Male,
                Address = $"Số {1 + random.Next(120)} {Streets[random.Next(Streets.Length)]}, Hà Nội",
                Phone = $"09{random.Next(100_000_000):00000000}",
            },
            // A supplement asked at reception: the first mandatory document is missing.
            Documents = [.. mandatory.Skip(target == Target.SupplementAtReception ? 1 : 0).Select(d => new ProvidedDocument(d.position, true, d.line.Form, Math.Max(1, d.line.Copies)))],
            Delivery = ResultDelivery.Counter,
            Decision = decision,
            SupplementItems = decision == ReceptionDecision.Supplement && mandatory.Count == 0 ? [new FormItem("Giấy tờ chứng minh nơi cư trú", "Chưa nộp")] : [],
            RefusalReasons = decision == ReceptionDecision.Refuse ? ["Thủ tục không thuộc thẩm quyền giải quyết của đơn vị"] : [],
            Officer = commune.Reception,
            OfficerName = commune.ReceptionName,
        };
    }

    /// <summary>Carries an accepted dossier on through its steps to <paramref name="target"/>.</summary>
    private static async Task AdvanceAsync(
        IServiceProvider services, string code, Target target,
        (string Unit, string Reception, string ReceptionName, string Specialist, string SpecialistName, string Leader, string LeaderName) commune,
        Random random, CancellationToken cancellationToken)
    {
        switch (target)
        {
            case Target.WaitingAtReception or Target.Refused or Target.SupplementAtReception or Target.Queued:
                return;
            case Target.Held:
                await RunAsync(services, async s =>
                {
                    var engine = s.GetRequiredService<IWorkflowEngine>();
                    var step = await OpenStepAsync(engine, code, cancellationToken);
                    return await engine.ClaimWorkItemAsync(step.Id, commune.Specialist, cancellationToken);
                }, cancellationToken);
                return;
            case Target.SupplementInProcessing:
                await CompleteAsync(services, code, new StepDecision("supplement", "Thiếu giấy tờ", commune.Specialist, commune.SpecialistName)
                {
                    SupplementItems = [new FormItem("Bản sao giấy tờ tùy thân", "Bản chụp không rõ nét")],
                }, cancellationToken);
                return;
            case Target.Withdrawn:
                await RunAsync(services, async s =>
                {
                    var dossier = await s.GetRequiredService<DossiersDbContext>().Set<Dossier>().SingleAsync(d => d.Code == code, cancellationToken);
                    return Ensure(code, await s.GetRequiredService<DossierStops>().WithdrawAsync(dossier, new StopRequest("Người nộp không còn nhu cầu giải quyết", commune.Reception, commune.ReceptionName), cancellationToken));
                }, cancellationToken);
                return;
        }

        // To the leader: every specialist step (processing, verification) completed on its main path.
        while (await StepRoleAsync(services, code, cancellationToken) == Organisation.Roles.Specialist)
        {
            await CompleteAsync(services, code, new StepDecision(null, "Hồ sơ đủ điều kiện", commune.Specialist, commune.SpecialistName), cancellationToken);
        }

        if (target == Target.AtLeader)
        {
            return;
        }

        await CompleteAsync(services, code, new StepDecision(null, null, commune.Leader, commune.LeaderName), cancellationToken);
        if (target == Target.Returned)
        {
            await RunAsync(services, async s =>
            {
                var dossier = await s.GetRequiredService<DossiersDbContext>().Set<Dossier>().Include(d => d.Payments).Include(d => d.Handovers)
                    .SingleAsync(d => d.Code == code, cancellationToken);
                return Ensure(code, await s.GetRequiredService<ResultReturns>().ReturnAtCounterAsync(
                    dossier,
                    new CounterReturn(CollectorKind.Applicant, null, dossier.Applicant.CitizenId, new Payment(PaymentMethod.Cash, null), commune.Reception),
                    cancellationToken));
            }, cancellationToken);
        }
    }

    /// <summary>Completes the dossier's open step on its main path (the first of submit, verified, approve it offers).</summary>
    private static Task CompleteAsync(IServiceProvider services, string code, StepDecision decision, CancellationToken cancellationToken) =>
        RunAsync(services, async s =>
        {
            var engine = s.GetRequiredService<IWorkflowEngine>();
            var step = await OpenStepAsync(engine, code, cancellationToken);
            var outcome = decision.Outcome ?? new[] { "submit", "verified", "approve" }.FirstOrDefault(step.Outcomes.Contains);
            var dossier = await s.GetRequiredService<DossiersDbContext>().Set<Dossier>().SingleAsync(d => d.Code == code, cancellationToken);
            var problems = await s.GetRequiredService<DossierProcessing>().CompleteStepAsync(
                dossier, await engine.ReadWorkItemAsync(step.Id, cancellationToken), decision with { Outcome = outcome }, cancellationToken);
            return Ensure(code, problems);
        }, cancellationToken);

    private static IReadOnlyList<DossierProblem> Ensure(string code, IReadOnlyList<DossierProblem> problems) =>
        problems.Count == 0 ? problems : throw new InvalidOperationException($"Demo dossier {code}: {string.Join(", ", problems)}.");

    private static async Task<string?> StepRoleAsync(IServiceProvider services, string code, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var steps = await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = code }, cancellationToken);
        return steps.FirstOrDefault()?.CandidateRole;
    }

    private static async Task<WorkItem> OpenStepAsync(IWorkflowEngine engine, string code, CancellationToken cancellationToken) =>
        (await engine.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = code }, cancellationToken)).First();

    /// <summary>One action in its own scope and transaction, as an officer's request would run it.</summary>
    private static async Task<T> RunAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> action, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(() => action(scope.ServiceProvider), _ => true, cancellationToken);
    }
}
