using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Testing.Web;

namespace DossierWorkflow.Portal.Tests.Sms;

/// <summary>Texting <c>DVC &lt;code&gt;</c> to the portal's number: the gateway forwards it signed, the reply goes back by SMS.</summary>
public abstract class SmsLookupTests<TApp>(TApp app) where TApp : OfficerUiApp, INotifyingApp
{
    private const string Secret = "sms-lookup-secret";

    private readonly string _phone = $"849{Random.Shared.Next(10_000_000, 99_999_999)}";

    private HttpClient Portal()
    {
        app.Portal.Settings["Portal:SmsLookup:Secret"] = Secret;
        return app.Portal.CreateClient();
    }

    [Fact]
    public async Task A_code_texted_gets_its_status_and_appointment_in_one_plain_sms()
    {
        var code = await DossierFixtures.AcceptAsync(app);

        var response = await SendAsync(Portal(), $"dvc {code.ToLowerInvariant()}");

        var reply = await ReplyAsync(response);
        Assert.Matches($@"^HS {System.Text.RegularExpressions.Regex.Escape(code)}: da tiep nhan\. Hen tra ket qua \d\d:\d\d \d\d/\d\d/\d{{4}}\.$", reply);
        Assert.True(reply.Length <= 160 && reply.All(char.IsAscii), reply);
        var sent = Assert.Single(app.Channels.Sms.To(_phone));
        Assert.Equal(reply, sent.Message);
    }

    [Fact]
    public async Task An_unknown_code_or_keyword_gets_a_reply_saying_how_to_ask()
    {
        var client = Portal();

        var unknown = await ReplyAsync(await SendAsync(client, "DVC 000.00.25.H26-010101-9999"));
        var wrongKeyword = await ReplyAsync(await SendAsync(client, "xin chao"));

        Assert.Equal("Khong tim thay ho so 000.00.25.H26-010101-9999. Kiem tra ma in tren giay hen roi gui: DVC <ma ho so>.", unknown);
        Assert.StartsWith("Cu phap tra cuu ho so: DVC <ma ho so>.", wrongKeyword, StringComparison.Ordinal);
        Assert.All((string[])[unknown, wrongKeyword], r => Assert.True(r.Length <= 160, r));
        Assert.Equal(2, app.Channels.Sms.To(_phone).Count);
    }

    [Fact]
    public async Task A_message_not_signed_with_the_shared_secret_is_refused_and_answered_nothing()
    {
        var client = Portal();
        var body = JsonSerializer.Serialize(new { from = _phone, text = "DVC 000.00.25.H26-010101-0001", id = Guid.NewGuid().ToString() });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sms/incoming") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("wrong-secret"u8.ToArray(), Encoding.UTF8.GetBytes(body))));

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.Channels.Sms.To(_phone));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string text)
    {
        var body = JsonSerializer.Serialize(new { from = _phone, text, id = Guid.NewGuid().ToString() });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sms/incoming") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<string> ReplyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("reply").GetString()!;
    }
}

public sealed class SmsLookupTestsOnSqlite(NotifyingSqliteApp app) : SmsLookupTests<NotifyingSqliteApp>(app), IClassFixture<NotifyingSqliteApp>;

public sealed class SmsLookupTestsOnPostgres(NotifyingPostgresApp app) : SmsLookupTests<NotifyingPostgresApp>(app), IClassFixture<NotifyingPostgresApp>;
