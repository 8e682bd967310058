using System.Net;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Reception;

/// <summary>
/// The catalogue's inter-agency procedures end to end, from the reception form: the provincial construction permit
/// (1.009974), whose departments to consult reception ticks and which each answers in its own queue at once; and the
/// linked birth registration, residence registration and health insurance card (1.012830), whose residence part runs in
/// the commune police's queue and whose card in social insurance's, each as that agency's own workflow, called at once by
/// the dossier's.
/// </summary>
public abstract partial class ReceptionTests
{
    private const string ConstructionPermit = "1.009974";
    private const string LinkedBirthRegistration = "1.012830";

    [Fact]
    public async Task A_construction_permit_is_accepted_with_the_departments_to_consult_and_each_answers_in_its_own_queue()
    {
        var client = await ClientAsync("tiepnhan.tinh");
        var procedure = await client.GetStringAsync($"/Reception?handler=Procedure&code={ConstructionPermit}&Input.ReceivingUnit=HN", Cancel);
        Assert.Contains("Cơ quan được lấy ý kiến", WebUtility.HtmlDecode(procedure));
        Assert.Contains("value=\"HN.SNNMT\"", procedure);
        Assert.Contains("value=\"HN.PCCC\"", procedure);

        // Accepting without a department is refused on the field, and nothing is received.
        var before = await CountAsync();
        var refused = await PostAsync(client, PermitApplication(), ("Input.Decision", "Accept"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Chọn ít nhất một cơ quan được lấy ý kiến", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Cancel)));
        Assert.Equal(before, await CountAsync());

        var code = ReceivedCode(await PostAsync(
            client, PermitApplication(), ("Input.Decision", "Accept"), ("Input.ConsultedDepartments", "HN.SNNMT"), ("Input.ConsultedDepartments", "HN.PCCC")));
        await CompleteAsync(code, "Task_Processing", "HN.SXD", "chuyenvien.sxd", "submit");

        // One opinion step per department, each routed to its department's queue.
        var opinions = (await DossierFixtures.OpenStepsAsync(app, code)).Where(s => s.ElementId == "Task_Consultation").ToList();
        Assert.Equal(["HN.PCCC", "HN.SNNMT"], opinions.Select(s => s.CandidateUnit).Order());
        var queue = await (await ClientAsync("chuyenvien.pccc")).GetStringAsync("/Tasks", Cancel);
        Assert.Contains(code, queue);
        await CompleteAsync(code, "Task_Consultation", "HN.PCCC", "chuyenvien.pccc", "disagree", "Chưa có văn bản thẩm duyệt PCCC");
        Assert.Equal(DossierStatus.InProgress, (await DossierAsync(code)).Status);
        await CompleteAsync(code, "Task_Consultation", "HN.SNNMT", "chuyenvien.snnmt", "agree");

        // The leader decides with the opinions in the order reception chose the departments.
        var approval = Assert.Single(await DossierFixtures.OpenStepsAsync(app, code));
        Assert.Equal(("Task_Approval", "HN.SXD"), (approval.ElementId, approval.CandidateUnit));
        var dossier = await DossierAsync(code);
        await using var scope = app.Services.CreateAsyncScope();
        var position = await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().GetPositionAsync(dossier.WorkflowInstanceId!.Value, Cancel);
        Assert.Equal("""["agree","disagree"]""", position.Variables["opinions"]!.ToJsonString());
        var page = WebUtility.HtmlDecode(await (await ClientAsync("lanhdao.sxd")).GetStringAsync($"/Dossiers/{code}", Cancel));
        Assert.Contains("Chưa có văn bản thẩm duyệt PCCC", page);
    }

    [Fact]
    public async Task A_linked_birth_registration_hands_the_residence_to_the_police_and_the_card_to_social_insurance_and_comes_back_for_the_return()
    {
        var client = await ClientAsync("tiepnhan");
        var code = ReceivedCode(await PostAsync(client, LinkedApplication(), ("Input.Decision", "Accept")));
        await CompleteAsync(code, "Task_Processing", "HN.HOANKIEM", "chuyenvien", "submit");
        await CompleteAsync(code, "Task_Approval", "HN.HOANKIEM", "lanhdao", "approve");

        // The birth is signed; the dossier waits for the police's part and social insurance's, each in its own queue.
        var steps = await DossierFixtures.OpenStepsAsync(app, code);
        Assert.Equal([("Task_CardIssuance", "HN.HOANKIEM.BHXH"), ("Task_ResidenceCheck", "HN.HOANKIEM.CA")], steps.Select(s => (s.ElementId, s.CandidateUnit)).Order());
        Assert.Equal(DossierStatus.InProgress, (await DossierAsync(code)).Status);
        var police = await ClientAsync("congan");
        Assert.Contains(code, await police.GetStringAsync("/Tasks", Cancel));
        Assert.Contains("Kiểm tra, xác minh thông tin cư trú", WebUtility.HtmlDecode(await police.GetStringAsync($"/Dossiers/{code}", Cancel)));
        Assert.Contains(code, await (await ClientAsync("baohiem")).GetStringAsync("/Tasks", Cancel));

        await CompleteAsync(code, "Task_ResidenceCheck", "HN.HOANKIEM.CA", "congan", "eligible");
        await CompleteAsync(code, "Task_ResidenceApproval", "HN.HOANKIEM.CA", "truongcongan", "approve");

        // The police have answered; the dossier still waits for the card.
        Assert.Equal("Task_CardIssuance", Assert.Single(await DossierFixtures.OpenStepsAsync(app, code)).ElementId);
        Assert.Equal(DossierStatus.InProgress, (await DossierAsync(code)).Status);
        await CompleteAsync(code, "Task_CardIssuance", "HN.HOANKIEM.BHXH", "baohiem", "issued");

        // Back at the commune: the result waits to be returned, and the dossier's history shows the hand-overs and returns.
        var ret = Assert.Single(await DossierFixtures.OpenStepsAsync(app, code));
        Assert.Equal("Task_ReturnAtCounter", ret.ElementId);
        Assert.Equal(DossierStatus.Resolved, (await DossierAsync(code)).Status);
        var history = WebUtility.HtmlDecode(await client.GetStringAsync($"/Dossiers/{code}", Cancel));
        Assert.Contains("Chuyển liên thông: «Đăng ký thường trú (liên thông Công an)»", history);
        Assert.Contains("Chuyển liên thông: «Cấp thẻ bảo hiểm y tế (liên thông Bảo hiểm xã hội)»", history);
        Assert.Contains("Duyệt đăng ký thường trú, cập nhật Cơ sở dữ liệu về cư trú", history);
        Assert.Contains("Cấp mã số bảo hiểm xã hội và thẻ bảo hiểm y tế", history);
        Assert.Contains("Nhận lại kết quả liên thông", history);
    }

    [Fact]
    public async Task When_the_police_cannot_register_the_child_or_the_card_cannot_be_issued_the_birth_certificate_is_still_returned()
    {
        var client = await ClientAsync("tiepnhan");
        var code = ReceivedCode(await PostAsync(client, LinkedApplication(), ("Input.Decision", "Accept")));
        await CompleteAsync(code, "Task_Processing", "HN.HOANKIEM", "chuyenvien", "submit");
        await CompleteAsync(code, "Task_Approval", "HN.HOANKIEM", "lanhdao", "approve");

        await CompleteAsync(code, "Task_ResidenceCheck", "HN.HOANKIEM.CA", "congan", "not-eligible", "Chỗ ở chưa đủ điều kiện đăng ký thường trú");
        Assert.Equal("Task_CardIssuance", Assert.Single(await DossierFixtures.OpenStepsAsync(app, code)).ElementId);
        await CompleteAsync(code, "Task_CardIssuance", "HN.HOANKIEM.BHXH", "baohiem", "not-issued", "Chưa có mã định danh của trẻ");

        Assert.Equal("Task_ReturnAtCounter", Assert.Single(await DossierFixtures.OpenStepsAsync(app, code)).ElementId);
        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.Resolved, dossier.Status);
        await using var scope = app.Services.CreateAsyncScope();
        var journal = await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().GetJournalAsync(dossier.WorkflowInstanceId!.Value, Cancel);
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.EventThrown && e.Detail == "error:no-residence caught by BoundaryEvent_NoResidence");
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.EventThrown && e.Detail == "error:no-card caught by BoundaryEvent_NoCard");
    }

    /// <summary>A construction permit at the province's centre, every mandatory document ticked.</summary>
    private List<(string, string)> PermitApplication() => Application(ConstructionPermit, "HN");

    private List<(string, string)> LinkedApplication() => Application(LinkedBirthRegistration, "HN.HOANKIEM");

    private List<(string, string)> Application(string procedureCode, string unit)
    {
        var version = app.Services.GetRequiredService<ProcedureCatalogue>().FindByCode(procedureCode)!.Versions[^1];
        var mandatory = version.Documents.Select((d, i) => (d, i)).Where(x => x.d.Requirement == DocumentRequirement.Mandatory).Select(x => x.i).ToArray();
        var fields = Applicant(procedureCode, mandatory, version.Documents.Length);
        Replace(fields, "Input.ReceivingUnit", unit);
        return fields;
    }

    /// <summary>Completes the dossier's open step at <paramref name="elementId"/> routed to <paramref name="unit"/>, through the domain, as its page does.</summary>
    private async Task CompleteAsync(string code, string elementId, string unit, string officer, string outcome, string? comment = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var engine = services.GetRequiredService<IWorkflowEngine>();
        var step = (await engine.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = code, ElementId = elementId, CandidateUnit = unit }, Cancel)).First();
        var problems = await services.GetRequiredService<UnitOfWork>().RunAsync(
            async () =>
            {
                var db = services.GetRequiredService<DossiersDbContext>();
                var dossier = db.Set<Dossier>().Single(d => d.Code == code);
                return await services.GetRequiredService<DossierProcessing>().CompleteStepAsync(
                    dossier, await engine.ReadWorkItemAsync(step.Id, Cancel), new StepDecision(outcome, comment, officer, officer), Cancel);
            },
            problems => problems.Count == 0,
            Cancel);
        Assert.Empty(problems);
    }
}
