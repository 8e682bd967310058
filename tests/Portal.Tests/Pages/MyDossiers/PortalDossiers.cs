using System.Text;
using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Portal.Tests.Pages.MyDossiers;

/// <summary>Dossiers a citizen submitted in the portal, made through the domain, and what the officers then do with them.</summary>
internal static class PortalDossiers
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>
    /// Submits a complete dossier from the account of <paramref name="email"/> — a birth registration, or the procedure
    /// given with the document lines it needs scanned — and returns its code.
    /// </summary>
    public static async Task<string> SubmitAsync(OfficerUiApp app, string email, ResultDelivery delivery = ResultDelivery.Counter, string procedure = "1.001193", int[]? documents = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DossiersDbContext>();
        var submissions = services.GetRequiredService<OnlineSubmissions>();
        var account = await db.Set<CitizenAccount>().SingleAsync(a => a.Email == email, cancellationToken);
        var draft = await submissions.StartAsync(account, procedure, cancellationToken);
        draft.ReceivingUnit = "HN.HOANKIEM";
        draft.ApplicantName = "Nguyễn Văn Án";
        draft.CitizenId = "001085012345";
        draft.DateOfBirth = new DateOnly(1985, 3, 15);
        draft.Gender = Gender.Male;
        draft.Address = "Số 5 phố Hàng Bông, Hoàn Kiếm, Hà Nội";
        draft.Phone = "0912345678";
        draft.Delivery = delivery;
        foreach (var position in documents ?? [0, 6])
        {
            var stored = Assert.IsType<AttachmentResult.Accepted>(await services.GetRequiredService<AttachmentIntake>().AcceptAsync(new MemoryStream(Pdf), $"giay-to-{position}.pdf", long.MaxValue, cancellationToken));
            draft.Files.Add(new DraftFile
            {
                Id = Guid.CreateVersion7(),
                DraftId = draft.Id,
                DocumentPosition = position,
                FileName = stored.File.FileName,
                ContentType = stored.File.ContentType,
                Length = stored.File.Length,
                Sha256 = stored.File.Sha256,
                UploadedAt = DateTimeOffset.UtcNow,
            });
        }

        await submissions.SaveAsync(draft, cancellationToken);
        var result = await services.GetRequiredService<UnitOfWork>().RunAsync(
            () => submissions.SubmitAsync(draft, account, null, cancellationToken), r => r.DossierCode is not null, cancellationToken);
        Assert.Empty(result.Problems);
        return result.DossierCode!;
    }

    /// <summary>Reception decides on the dossier waiting for it (a supplement asks for the birth certificate).</summary>
    public static async Task DecideAsync(OfficerUiApp app, string code, ReceptionDecision decision)
    {
        await DossierFixtures.OnDossierAsync(app, code, (services, dossier) => services.GetRequiredService<DossierReception>().DecideAsync(
            dossier,
            new WaitingDecision(decision, "tiepnhan", "Nguyễn Thị Hồng Nhung") { SupplementItems = decision == ReceptionDecision.Supplement ? [new FormItem("Giấy chứng sinh", "Bản chụp bị mờ")] : [] },
            TestContext.Current.CancellationToken));
    }

    /// <summary>Specialist and leader take the accepted dossier to its result (status 9).</summary>
    public static async Task ResolveAsync(OfficerUiApp app, string code)
    {
        await DossierFixtures.CompleteAsync(app, code, "specialist", new StepDecision("submit", null, "chuyenvien", "Trần Văn Minh"));
        await DossierFixtures.CompleteAsync(app, code, "leader", new StepDecision("approve", null, "lanhdao", "Lãnh đạo"));
    }

    /// <summary>The result handed over electronically (with its file) or at the counter, the fee paid in cash.</summary>
    public static Task ReturnAsync(OfficerUiApp app, string code, byte[]? resultFile = null) =>
        DossierFixtures.OnDossierAsync(app, code, async (services, dossier) =>
        {
            var returns = services.GetRequiredService<ResultReturns>();
            var payment = new Payment(PaymentMethod.Cash, null);
            if (resultFile is null)
            {
                return await returns.ReturnAtCounterAsync(dossier, new CounterReturn(CollectorKind.Applicant, "Nguyễn Văn Án", "001085012345", payment, "tiepnhan"), TestContext.Current.CancellationToken);
            }

            var stored = Assert.IsType<AttachmentResult.Accepted>(await services.GetRequiredService<AttachmentIntake>().AcceptAsync(new MemoryStream(resultFile), "giay-khai-sinh.pdf", long.MaxValue, TestContext.Current.CancellationToken));
            return await returns.ReturnElectronicallyAsync(dossier, new ElectronicReturn(stored.File, payment, "tiepnhan"), TestContext.Current.CancellationToken);
        });
}
