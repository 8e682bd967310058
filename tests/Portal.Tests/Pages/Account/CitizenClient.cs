using System.Net;
using System.Text.RegularExpressions;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DossierWorkflow.Portal.Tests.Pages.Account;

/// <summary>A citizen's browser on the portal, without following redirects (a test reads where each answer leads).</summary>
internal sealed partial class CitizenClient(OfficerUiApp app)
{
    public HttpClient Http { get; } = app.Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Opens <paramref name="url"/> and posts its form with <paramref name="fields"/> (and its antiforgery token).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, params (string Name, string Value)[] fields)
    {
        var page = await Http.GetStringAsync(url, TestContext.Current.CancellationToken);
        return await Http.PostFormAsync(url, page, fields);
    }

    /// <summary>Opens <paramref name="url"/> and posts the form of its handler <paramref name="handler"/> with files, as a browser uploads them.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string url, string handler, IEnumerable<(string Name, string Value)> fields, params (string FileName, byte[] Content)[] files)
    {
        var page = await Http.GetStringAsync(url, TestContext.Current.CancellationToken);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(OfficerSignIn.AntiforgeryToken(page[page.IndexOf("<main", StringComparison.Ordinal)..])), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var (fileName, content) in files)
        {
            form.Add(new ByteArrayContent(content), "files", fileName);
        }

        return await Http.PostAsync($"{url}?handler={handler}", form, TestContext.Current.CancellationToken);
    }

    /// <summary>Registers, and returns the confirmation page's address.</summary>
    public async Task<string> RegisterAsync(string identifier, string password = "mat-khau-2026", string name = "Nguyễn Văn An")
    {
        var response = await SubmitAsync("/tai-khoan/dang-ky",
            ("Input.Identifier", identifier), ("Input.FullName", name), ("Input.Password", password), ("Input.ConfirmPassword", password));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Registers and confirms with the code read from the test SMTP server: signed in.</summary>
    public async Task RegisterAndConfirmAsync(INotifyingApp channels, string email, string password = "mat-khau-2026")
    {
        var confirmation = await RegisterAsync(email, password);
        var code = CodeIn((await channels.Channels.Smtp.MessagesToAsync(email))[^1].TextBody);
        var confirmed = await SubmitAsync(confirmation, ("Code", code));
        Assert.Equal("/tai-khoan", confirmed.Headers.Location?.OriginalString);
    }

    /// <summary>The six-digit code in a message.</summary>
    public static string CodeIn(string? text) => SixDigits().Match(text ?? "") is { Success: true } match ? match.Value : throw new InvalidOperationException($"No code in: {text}");

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
