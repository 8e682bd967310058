using System.Net;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;

/// <summary>
/// Ending a dossier before its decision (the applicant's withdrawal, the agency's stop: form 05) and extending a late
/// one once with an apology (form 04), each read back from its printed form.
/// </summary>
public abstract class StopAndExtensionTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_applicant_withdraws_during_processing_and_form_05_carries_the_request()
    {
        Poppler.Require();
        var code = await DossierFixtures.AcceptAsync(app);
        var counter = await ClientAsync("tiepnhan");

        var empty = await ReadAsync(await PostAsync(counter, $"/Dossiers/{code}/Withdraw", ("Reason", " ")));
        var withdrawn = await PostAsync(counter, $"/Dossiers/{code}/Withdraw", ("Reason", "Gia đình đã đăng ký khai sinh tại nơi khác"));

        Assert.Contains("Hãy ghi rõ nội dung.", empty);
        Assert.Equal($"/Dossiers/{code}", withdrawn.Headers.Location?.OriginalString);
        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.Withdrawn, dossier.Status);
        Assert.Empty(await OpenStepsAsync(code));
        var text = Poppler.Flatten(Poppler.Text(await (await counter.GetAsync($"/Dossiers/{code}/Forms/05", Cancel)).Content.ReadAsByteArrayAsync(Cancel)));
        Assert.Contains("Gia đình đã đăng ký khai sinh tại nơi khác", text);
        Assert.Contains(code, text);
        Assert.Contains("Nguyễn Thị Hồng Nhung", text);
    }

    [Fact]
    public async Task Where_the_workflow_allows_no_withdrawal_the_officer_is_told_and_a_leader_can_stop_the_dossier()
    {
        Poppler.Require();
        var code = await DossierFixtures.AcceptAsync(app);
        await DossierFixtures.CompleteAsync(app, code, "specialist", new StepDecision("submit", null, "chuyenvien", "Trần Văn Minh"));

        var refused = await ReadAsync(await PostAsync(await ClientAsync("tiepnhan"), $"/Dossiers/{code}/Withdraw", ("Reason", "Không cần nữa")));
        var counterStop = await (await ClientAsync("tiepnhan")).GetAsync($"/Dossiers/{code}/Stop", Cancel);
        var leader = await ClientAsync("lanhdao");
        await PostAsync(leader, $"/Dossiers/{code}/Stop", ("Reason", "Người yêu cầu đã chết trước khi có kết quả"));

        Assert.Contains("Quy trình của thủ tục không cho rút hồ sơ ở bước hiện tại", refused);
        Assert.Contains("/Account/AccessDenied", counterStop.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.Stopped, dossier.Status);
        Assert.Equal("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", Assert.Single(dossier.Forms, f => f.Form == "05").SignatoryTitle);
        Assert.Empty(await OpenStepsAsync(code));
        var text = Poppler.Flatten(Poppler.Text(await (await leader.GetAsync($"/Dossiers/{code}/Forms/05", Cancel)).Content.ReadAsByteArrayAsync(Cancel)));
        Assert.Contains("Người yêu cầu đã chết trước khi có kết quả", text);
        Assert.Contains("PHÓ CHỦ TỊCH", text);
        Assert.Contains("Lê Quang Huy", text);
        var again = await ReadAsync(await PostAsync(leader, $"/Dossiers/{code}/Stop", ("Reason", "Lần nữa")));
        Assert.Contains("Hồ sơ đã có kết quả hoặc đã kết thúc", again);
    }

    [Fact]
    public async Task A_dossier_not_yet_received_cannot_be_stopped_but_is_refused_at_reception()
    {
        var code = await DossierFixtures.ReceiveAsync(app, decision: null);
        var leader = await ClientAsync("lanhdao");

        var page = await ReadAsync(await leader.GetAsync($"/Dossiers/{code}", Cancel));
        var stopped = await ReadAsync(await PostAsync(leader, $"/Dossiers/{code}/Stop", ("Reason", "Không rõ")));

        Assert.DoesNotContain("id=\"stop\"", page);
        Assert.Contains("Hồ sơ chưa được tiếp nhận", stopped);
        Assert.Equal(DossierStatus.New, (await DossierAsync(code)).Status);
        Assert.Single(await OpenStepsAsync(code));
    }

    [Fact]
    public async Task A_proposed_extension_approved_by_the_leader_gives_a_new_appointment_once_and_form_04()
    {
        Poppler.Require();
        var code = await DossierFixtures.AcceptAsync(app);
        await MoveAppointmentAsync(code, workingDaysAhead: 3);
        var before = (await DossierAsync(code)).AppointmentAt!.Value;
        var specialist = await ClientAsync("chuyenvien");

        var noReason = await ReadAsync(await PostAsync(specialist, $"/Dossiers/{code}/Extension?handler=Propose", ("WorkingDays", "2"), ("Reason", "")));
        await PostAsync(specialist, $"/Dossiers/{code}/Extension?handler=Propose", ("WorkingDays", "2"), ("Reason", "Chờ kết quả xác minh của Công an xã"));
        var specialistApproves = await PostAsync(specialist, $"/Dossiers/{code}/Extension?handler=Approve", ("Comment", ""));
        var leader = await ClientAsync("lanhdao");
        await PostAsync(leader, $"/Dossiers/{code}/Extension?handler=Approve", ("Comment", "Đồng ý"));

        Assert.Contains("Hãy ghi lý do.", noReason);
        Assert.Contains("/Account/AccessDenied", specialistApproves.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var dossier = await DossierAsync(code);
        var calendar = app.Services.GetRequiredService<CurrentWorkingCalendar>().Calendar;
        var expected = calendar.EndOfWorkingDay(calendar.AddWorkingDays(calendar.LocalDate(before), 2));
        Assert.Equal(expected, dossier.AppointmentAt);
        Assert.Equal(AppointmentReason.Extension, dossier.Appointments.OrderBy(a => a.ChangedAt).Last().Reason);
        Assert.Equal(ExtensionStatus.Approved, Assert.Single(dossier.Extensions).Status);
        var text = Poppler.Flatten(Poppler.Text(await (await leader.GetAsync($"/Dossiers/{code}/Forms/04", Cancel)).Content.ReadAsByteArrayAsync(Cancel)));
        Assert.Contains("Chờ kết quả xác minh của Công an xã", text);
        var local = calendar.ToLocal(expected);
        Assert.Contains($"{local:HH} giờ {local:mm} phút, ngày {local.Day:00} tháng {local.Month:00} năm {local.Year}", text);
        Assert.Contains("Lê Quang Huy", text);

        var second = await ReadAsync(await PostAsync(specialist, $"/Dossiers/{code}/Extension?handler=Propose", ("WorkingDays", "1"), ("Reason", "Lần hai")));
        Assert.Contains("Hồ sơ đã được gia hạn một lần", second);
        Assert.Single((await DossierAsync(code)).Extensions);
    }

    [Fact]
    public async Task An_extension_asked_for_less_than_one_working_day_before_the_appointment_is_refused_and_a_rejected_one_changes_nothing()
    {
        var late = await DossierFixtures.AcceptAsync(app);
        var rejected = await DossierFixtures.AcceptAsync(app);
        await MoveAppointmentAsync(late, workingDaysAhead: 0);
        await MoveAppointmentAsync(rejected, workingDaysAhead: 3);
        var specialist = await ClientAsync("chuyenvien");
        var leader = await ClientAsync("lanhdao");

        var tooLate = await ReadAsync(await PostAsync(specialist, $"/Dossiers/{late}/Extension?handler=Propose", ("WorkingDays", "2"), ("Reason", "Chậm")));
        await PostAsync(specialist, $"/Dossiers/{rejected}/Extension?handler=Propose", ("WorkingDays", "2"), ("Reason", "Chậm"));
        var appointment = (await DossierAsync(rejected)).AppointmentAt;
        await PostAsync(leader, $"/Dossiers/{rejected}/Extension?handler=Reject", ("Comment", "Không có căn cứ"));

        Assert.Contains("Đã quá thời hạn xin gia hạn", tooLate);
        Assert.Empty((await DossierAsync(late)).Extensions);
        var dossier = await DossierAsync(rejected);
        Assert.Equal((ExtensionStatus.Rejected, "Không có căn cứ"), (dossier.Extensions.Single().Status, dossier.Extensions.Single().DecisionComment));
        Assert.Equal(appointment, dossier.AppointmentAt);
        Assert.DoesNotContain(dossier.Forms, f => f.Form == "04");
    }

    /// <summary>Gives the dossier an appointment some working days ahead, as a procedure with a longer processing time would have.</summary>
    private async Task MoveAppointmentAsync(string code, int workingDaysAhead)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var calendar = scope.ServiceProvider.GetRequiredService<CurrentWorkingCalendar>().Calendar;
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var dossier = await db.Set<Dossier>().Include(d => d.Appointments).SingleAsync(d => d.Code == code, Cancel);
        var appointment = calendar.EndOfWorkingDay(calendar.AddWorkingDays(calendar.LocalDate(DateTimeOffset.UtcNow), workingDaysAhead));
        dossier.AppointmentAt = appointment;
        dossier.Appointments.Single().AppointmentAt = appointment;
        await db.SaveChangesAsync(Cancel);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var page = await client.GetStringAsync(path.Split('?')[0], Cancel);
        var body = new Dictionary<string, string> { ["__RequestVerificationToken"] = OfficerSignIn.AntiforgeryToken(page) };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(body), Cancel);
    }

    private Task<HttpClient> ClientAsync(string userName) => DossierFixtures.ClientAsync(app, userName);

    private Task<IReadOnlyList<WorkItem>> OpenStepsAsync(string code) => DossierFixtures.OpenStepsAsync(app, code);

    private async Task<Dossier> DossierAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Dossier>().AsNoTracking()
            .Include(d => d.Forms).Include(d => d.Appointments).Include(d => d.Extensions)
            .AsSplitQuery()
            .SingleAsync(d => d.Code == code, Cancel);
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
}

public sealed class StopAndExtensionTestsOnSqlite(SqliteApp app) : StopAndExtensionTests(app), IClassFixture<SqliteApp>;

public sealed class StopAndExtensionTestsOnPostgres(PostgresApp app) : StopAndExtensionTests(app), IClassFixture<PostgresApp>;
