using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Testing.Web;

/// <summary>Dossiers made through the domain, as the counter makes them, for the pages that carry them further.</summary>
public static class DossierFixtures
{
    /// <summary>
    /// Receives a birth registration at Phường Hoàn Kiếm — at the counter, or by post when it says when the envelope
    /// arrived — accepted, and returns its code.
    /// </summary>
    public static Task<string> AcceptAsync(OfficerUiApp app, DateTimeOffset? arrivedByPostAt = null) =>
        ReceiveAsync(app, ReceptionDecision.Accept, arrivedByPostAt);

    /// <summary>The applicant of the fixtures' dossiers (a new one each time: a test may change it).</summary>
    public static DossierApplicant Applicant() => new()
    {
        Kind = ApplicantKind.Person,
        Name = "Nguyễn Văn Án",
        CitizenId = "001085012345",
        DateOfBirth = new DateOnly(1985, 3, 15),
        Gender = Gender.Male,
        Address = "Số 5 phố Hàng Bông, phường Hoàn Kiếm, Hà Nội",
        Phone = "0912345678",
    };

    /// <summary>
    /// Receives a birth registration at Phường Hoàn Kiếm with <paramref name="decision"/> (a supplement asks for the
    /// birth certificate, form 02), at the counter or by post — or, without a decision, submitted online and waiting at
    /// reception — and returns its code.
    /// </summary>
    public static async Task<string> ReceiveAsync(
        OfficerUiApp app, ReceptionDecision? decision, DateTimeOffset? arrivedByPostAt = null, ResultDelivery delivery = ResultDelivery.Counter,
        DossierApplicant? applicant = null, string? language = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var reception = scope.ServiceProvider.GetRequiredService<DossierReception>();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var result = await unitOfWork.RunAsync(
            () => reception.ReceiveAsync(
                new ReceptionRequest
                {
                    ProcedureCode = "1.001193",
                    ReceivingUnit = "HN.HOANKIEM",
                    Channel = decision is null ? DossierWorkflow.Dossiers.Calendar.ReceptionChannel.Online
                        : arrivedByPostAt is null ? DossierWorkflow.Dossiers.Calendar.ReceptionChannel.Counter : DossierWorkflow.Dossiers.Calendar.ReceptionChannel.Postal,
                    ArrivedAt = arrivedByPostAt,
                    Applicant = applicant ?? Applicant(),
                    Language = language,
                    Documents = [new ProvidedDocument(0, true, DocumentForm.Original, 1), new ProvidedDocument(6, true, DocumentForm.ShowOriginal, 1)],
                    Delivery = delivery,
                    DeliveryAddress = delivery == ResultDelivery.Post ? "Số 5 phố Hàng Bông, phường Hoàn Kiếm, Hà Nội" : null,
                    Decision = decision,
                    SupplementItems = decision == ReceptionDecision.Supplement ? [new FormItem("Giấy chứng sinh", "Chưa nộp")] : [],
                    RefusalReasons = decision == ReceptionDecision.Refuse ? ["Không thuộc thẩm quyền"] : [],
                    Officer = "tiepnhan",
                    OfficerName = "Nguyễn Thị Hồng Nhung",
                },
                TestContext.Current.CancellationToken),
            result => result is ReceptionResult.Received,
            TestContext.Current.CancellationToken);
        return Assert.IsType<ReceptionResult.Received>(result).Dossier.Code;
    }

    /// <summary>
    /// A birth registration accepted at the counter, submitted by the specialist and approved by the leader: resolved
    /// (status 9), its result waiting to be returned as <paramref name="delivery"/> says. Returns its code.
    /// </summary>
    public static async Task<string> ResolveAsync(OfficerUiApp app, ResultDelivery delivery = ResultDelivery.Counter, DossierApplicant? applicant = null)
    {
        var code = await ReceiveAsync(app, ReceptionDecision.Accept, delivery: delivery, applicant: applicant);
        await CompleteAsync(app, code, "specialist", new StepDecision("submit", null, "chuyenvien", "Trần Văn Minh"));
        await CompleteAsync(app, code, "leader", new StepDecision("approve", null, "lanhdao", "Lãnh đạo"));
        return code;
    }

    /// <summary>The specialist asks for a supplement during processing (form 02: the birth certificate), through the domain.</summary>
    public static Task RequestSupplementAsync(OfficerUiApp app, string code) =>
        CompleteAsync(app, code, "specialist", new StepDecision("supplement", "Thiếu giấy chứng sinh", "chuyenvien", "Trần Văn Minh") { SupplementItems = [new FormItem("Giấy chứng sinh", "Bản sao không rõ nét")] });

    /// <summary>Completes the dossier's open step of <paramref name="role"/> through the domain, as its page does.</summary>
    public static async Task CompleteAsync(OfficerUiApp app, string code, string role, StepDecision decision)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var engine = services.GetRequiredService<DossierWorkflow.Engine.IWorkflowEngine>();
        var step = (await engine.QueryWorkItemsAsync(new DossierWorkflow.Engine.Persistence.WorkItemFilter { BusinessKey = code, CandidateRole = role }, TestContext.Current.CancellationToken)).Single();
        var problems = await services.GetRequiredService<UnitOfWork>().RunAsync(
            async () =>
            {
                var db = services.GetRequiredService<DossiersDbContext>();
                var dossier = await db.Set<Dossier>().SingleAsync(d => d.Code == code, TestContext.Current.CancellationToken);
                return await services.GetRequiredService<DossierProcessing>().CompleteStepAsync(
                    dossier,
                    await engine.ReadWorkItemAsync(step.Id, TestContext.Current.CancellationToken),
                    decision,
                    TestContext.Current.CancellationToken);
            },
            problems => problems.Count == 0,
            TestContext.Current.CancellationToken);
        Assert.Empty(problems);
    }

    /// <summary>
    /// Extends the appointment of an accepted dossier through the domain, as its page does: the specialist proposes
    /// <paramref name="workingDays"/> more with <paramref name="reason"/>, the leader (<c>lanhdao</c>) approves (form 04).
    /// </summary>
    public static async Task ExtendAsync(OfficerUiApp app, string code, int workingDays, string reason)
    {
        await OnDossierAsync(app, code, (services, d) => services.GetRequiredService<DossierExtensions>().ProposeAsync(
            d, new ExtensionProposal(workingDays, reason, "chuyenvien"), TestContext.Current.CancellationToken));
        await OnDossierAsync(app, code, (services, d) => services.GetRequiredService<DossierExtensions>().DecideAsync(
            d, new ExtensionDecision(true, "Đồng ý", "lanhdao", "Lê Quang Huy"), TestContext.Current.CancellationToken));
    }

    /// <summary>The resolved result of a dossier to be returned by post is handed to the post with <paramref name="trackingNumber"/>, its fee paid in cash, as the return page does.</summary>
    public static Task HandToPostAsync(OfficerUiApp app, string code, string trackingNumber) =>
        OnDossierAsync(app, code, (services, dossier) => services.GetRequiredService<ResultReturns>().HandToPostAsync(
            dossier, new PostalHandover(trackingNumber, DateTimeOffset.UtcNow, new Payment(PaymentMethod.Cash, null), "tiepnhan"), TestContext.Current.CancellationToken));

    /// <summary>
    /// Runs <paramref name="act"/>, a domain action, on the dossier <paramref name="code"/> (tracked, with everything it
    /// owns) in one unit of work, as its page does; the action must find no problem.
    /// </summary>
    public static async Task OnDossierAsync(OfficerUiApp app, string code, Func<IServiceProvider, Dossier, Task<IReadOnlyList<DossierProblem>>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var problems = await services.GetRequiredService<UnitOfWork>().RunAsync(
            async () => await act(services, await services.GetRequiredService<DossiersDbContext>().Set<Dossier>()
                .Include(d => d.Documents).Include(d => d.Files).Include(d => d.Forms).Include(d => d.Handovers).Include(d => d.Payments)
                .Include(d => d.Appointments).Include(d => d.Extensions)
                .AsSplitQuery().SingleAsync(d => d.Code == code, TestContext.Current.CancellationToken)),
            problems => problems.Count == 0,
            TestContext.Current.CancellationToken);
        Assert.Empty(problems);
    }

    /// <summary>
    /// Works the outbox as its worker does until nothing waits in it (a failed delivery is tried again as soon as its
    /// backoff — a millisecond in the notifying fixtures — has passed, and becomes an incident after its last attempt):
    /// at most 200 rounds, each a claim in the database.
    /// </summary>
    public static async Task DeliverOutboxAsync(OfficerUiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<DossierWorkflow.Engine.IWorkflowEngine>();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        for (var round = 0; round < 200; round++)
        {
            await engine.DeliverOutboxAsync(TestContext.Current.CancellationToken);
            if (!await db.Set<DossierWorkflow.Engine.Persistence.StoredOutboxMessage>().AnyAsync(m => m.Status == DossierWorkflow.Engine.OutboxStatus.Pending, TestContext.Current.CancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>The dossier's open steps.</summary>
    public static async Task<IReadOnlyList<DossierWorkflow.Engine.WorkItem>> OpenStepsAsync(OfficerUiApp app, string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossierWorkflow.Engine.IWorkflowEngine>()
            .QueryWorkItemsAsync(new DossierWorkflow.Engine.Persistence.WorkItemFilter { BusinessKey = code }, TestContext.Current.CancellationToken);
    }

    /// <summary>A signed-in officer's client that does not follow redirects (a test reads where an action leads).</summary>
    public static Task<HttpClient> ClientAsync(OfficerUiApp app, string userName) =>
        app.CreateSignedInClientAsync(userName, new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
