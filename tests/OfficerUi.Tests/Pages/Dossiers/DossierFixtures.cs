using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;

/// <summary>Dossiers made through the domain, as the counter makes them, for the pages that carry them further.</summary>
internal static class DossierFixtures
{
    /// <summary>
    /// Receives a birth registration at Phường Hoàn Kiếm — at the counter, or by post when it says when the envelope
    /// arrived — accepted, and returns its code.
    /// </summary>
    public static async Task<string> AcceptAsync(OfficerUiApp app, DateTimeOffset? arrivedByPostAt = null)
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
                    Channel = arrivedByPostAt is null ? DossierWorkflow.Dossiers.Calendar.ReceptionChannel.Counter : DossierWorkflow.Dossiers.Calendar.ReceptionChannel.Postal,
                    ArrivedAt = arrivedByPostAt,
                    Applicant = new DossierApplicant
                    {
                        Kind = ApplicantKind.Person,
                        Name = "Nguyễn Văn Án",
                        CitizenId = "001085012345",
                        DateOfBirth = new DateOnly(1985, 3, 15),
                        Gender = Gender.Male,
                        Address = "Số 5 phố Hàng Bông, phường Hoàn Kiếm, Hà Nội",
                        Phone = "0912345678",
                    },
                    Documents = [new ProvidedDocument(0, true, DocumentForm.Original, 1), new ProvidedDocument(6, true, DocumentForm.ShowOriginal, 1)],
                    Decision = ReceptionDecision.Accept,
                    Officer = "tiepnhan",
                    OfficerName = "Nguyễn Thị Hồng Nhung",
                },
                TestContext.Current.CancellationToken),
            result => result is ReceptionResult.Received,
            TestContext.Current.CancellationToken);
        return Assert.IsType<ReceptionResult.Received>(result).Dossier.Code;
    }
}
