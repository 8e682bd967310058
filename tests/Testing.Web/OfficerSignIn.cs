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
        var client = app.CreateClient(options ?? new WebApplicationFactoryClientOptions());
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

    /// <summary>The antiforgery token of the first form of a page.</summary>
    public static string AntiforgeryToken(string html) =>
        AntiforgeryTokenPattern().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryTokenPattern();
}
