using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Organisation;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DossierWorkflow.Testing.Web;

/// <summary>Signs a test client in through the real sign-in form, as an officer's browser does.</summary>
public static partial class OfficerSignIn
{
    /// <summary>A client (with cookies) signed in as one of the demo officers.</summary>
    public static async Task<HttpClient> CreateSignedInClientAsync(this OfficerUiApp app, string userName = "tiepnhan", WebApplicationFactoryClientOptions? options = null)
    {
        var client = options is null ? app.CreateClient() : app.CreateClient(options);
        var response = await client.SignInAsync(userName);
        // Success is a redirect away from the form (or, when redirects are followed, landing on another page).
        var landedOn = response.Headers.Location?.OriginalString ?? response.RequestMessage?.RequestUri?.AbsolutePath ?? "";
        if (landedOn.StartsWith("/Account/SignIn", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Signing in as '{userName}' failed: the sign-in page came back.");
        }

        return client;
    }

    /// <summary>Posts the sign-in form (with its antiforgery token) and returns the response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string userName, string password = DemoOrganisation.DemoPassword, string? returnUrl = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var form = await client.GetStringAsync("/Account/SignIn", cancellationToken);
        var fields = new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        };
        if (returnUrl is not null)
        {
            fields["ReturnUrl"] = returnUrl;
        }

        return await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(fields), cancellationToken);
    }

    /// <summary>Posts fields as a form of a page's main content does, with that content's antiforgery token.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, string page, params (string Name, string Value)[] fields)
    {
        List<KeyValuePair<string, string>> form = [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];
        form.Add(new("__RequestVerificationToken", AntiforgeryToken(page[page.IndexOf("<main", StringComparison.Ordinal)..])));
        return client.PostAsync(url, new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }

    /// <summary>The antiforgery token of the first form of a page.</summary>
    public static string AntiforgeryToken(string html) =>
        AntiforgeryTokenPattern().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>Posts as htmx does from a page: the <c>HX-Request</c> header and the antiforgery token the layout gives htmx.</summary>
    public static Task<HttpResponseMessage> HtmxPostAsync(this HttpClient client, string page, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", HtmxToken(page));
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The antiforgery token in the layout's <c>hx-headers</c>.</summary>
    public static string HtmxToken(string page)
    {
        const string attribute = "hx-headers=\"";
        var start = page.IndexOf(attribute, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException("The page has no hx-headers.");
        }

        start += attribute.Length;
        var json = System.Net.WebUtility.HtmlDecode(page[start..page.IndexOf('"', start)]);
        return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("RequestVerificationToken").GetString()!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryTokenPattern();
}
