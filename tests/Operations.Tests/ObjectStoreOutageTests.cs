using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Operations;

namespace DossierWorkflow.Operations.Tests;

/// <summary>
/// The S3-compatible store goes away while scans are uploaded: the counter's reception form keeps what was typed and
/// names the file it could not keep, the API answers 503 "send again later", readiness fails — and no dossier is
/// written that would reference a file the store never received.
/// </summary>
public sealed class ObjectStoreOutageTests(PostgresCluster cluster, SmtpServer smtp)
{
    private static readonly byte[] Scan = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task Uploads_while_the_store_is_down_are_refused_clearly_and_leave_no_dossier_behind()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var store = new S3Server();
        await using var office = await Office.OpenAsync(new OfficeSetup(await cluster.CreateDatabaseAsync("store"), await store.ServiceUrlAsync(), await smtp.PortAsync()), instances: 1, cancel);
        var app = office.Instances[0];
        using var reception = await office.SignInAsync("tiepnhan", cancel);
        using var portal = new HttpClient { BaseAddress = app.BaseAddress };
        portal.DefaultRequestHeaders.Add("X-Api-Key", office.ApiKey);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(portal, cancel)).StatusCode);
        var before = await CountsAsync(office);

        await store.DisposeAsync();

        var submitted = await SubmitAsync(portal, cancel);
        var problem = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync(cancel)).RootElement;
        var page = await reception.GetStringAsync(new Uri(app.BaseAddress, "Reception"), cancel);
        var received = await reception.PostAsync(new Uri(app.BaseAddress, "Reception"), CounterAcceptance(Office.Antiforgery(page)), cancel);
        var form = WebUtility.HtmlDecode(await received.Content.ReadAsStringAsync(cancel));
        var ready = await new HttpClient { BaseAddress = app.BaseAddress }.GetAsync("health/ready", cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, submitted.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), submitted.Headers.RetryAfter?.Delta);
        Assert.Contains("không lưu được tệp đính kèm", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, received.StatusCode);
        Assert.Contains("Chưa lưu được tệp \"giay-chung-sinh.pdf\"", form);
        Assert.Contains("value=\"Nguyễn Văn Án\"", form);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(before, await CountsAsync(office));
        Assert.NotNull(app.ProcessId);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient portal, CancellationToken cancel)
    {
        var key = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/dossiers") { Content = OfficeLoad.Submission(key) };
        request.Headers.Add("Idempotency-Key", key);
        return await portal.SendAsync(request, cancel);
    }

    /// <summary>The counter's reception form: a birth registration accepted with a scan of the birth certificate.</summary>
    private static MultipartFormDataContent CounterAcceptance(string antiforgery)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery, ["Input.IdempotencyToken"] = Guid.NewGuid().ToString("N"),
            ["Input.ProcedureCode"] = Office.ProcedureCode, ["Input.ReceivingUnit"] = Office.Unit, ["Input.Channel"] = "Counter",
            ["Input.ApplicantKind"] = "Person", ["Input.Name"] = "Nguyễn Văn Án", ["Input.CitizenId"] = "001085012345",
            ["Input.DateOfBirth"] = "1985-03-15", ["Input.Gender"] = "Male", ["Input.Address"] = "Số 5 phố Hàng Bông, phường Hoàn Kiếm, Hà Nội",
            ["Input.Phone"] = "0912345678", ["Input.SetCount"] = "1", ["Input.Delivery"] = "Counter", ["Input.Decision"] = "Accept",
        })
        {
            form.Add(new StringContent(value), name);
        }

        for (var i = 0; i < 8; i++)
        {
            form.Add(new StringContent($"{i}"), $"Input.Documents[{i}].Position");
            form.Add(new StringContent("Original"), $"Input.Documents[{i}].Form");
            form.Add(new StringContent("1"), $"Input.Documents[{i}].Count");
            if (i is 0 or 6)
            {
                form.Add(new StringContent("true"), $"Input.Documents[{i}].Provided");
            }
        }

        var scan = new ByteArrayContent(Scan);
        scan.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(scan, "Input.Documents[0].Files", "giay-chung-sinh.pdf");
        return form;
    }

    private static async Task<(long Dossiers, long Files)> CountsAsync(Office office) =>
        ((long)(await PostgresCluster.ExecuteScalarAsync(office.ConnectionString, """SELECT count(*) FROM "Dossiers" """))!,
         (long)(await PostgresCluster.ExecuteScalarAsync(office.ConnectionString, """SELECT count(*) FROM "DossierFiles" """))!);
}
