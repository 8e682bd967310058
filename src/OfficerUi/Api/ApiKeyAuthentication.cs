using System.Security.Claims;
using System.Text.Encodings.Web;
using DossierWorkflow.Dossiers.OnlineIntake;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.OfficerUi.Api;

/// <summary>
/// The online intake API's clients authenticate with the key <c>api-clients add</c> printed, in the <c>X-Api-Key</c>
/// header; the key's hash is looked up among the clients not revoked.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DossiersDbContext db,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string Policy = "ApiClient";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiClient.Hash(values[0]!.Trim());
        var client = await db.Set<ApiClient>().AsNoTracking()
            .Where(c => c.KeyHash == hash && c.RevokedAt == null)
            .Select(c => new { c.Id, c.Name, c.LastUsedAt })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (client is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        // The administrators' list shows when each client was last used; written once a minute at most.
        var now = time.GetUtcNow();
        if (client.LastUsedAt is not { } last || now - last >= ApiClient.LastUseResolution)
        {
            await db.Set<ApiClient>().Where(c => c.Id == client.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, client.Name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(
            title: "Thiếu hoặc sai khóa API",
            detail: $"Gửi khóa API của hệ thống trong tiêu đề {Header}; khóa do quản trị viên cấp bằng lệnh api-clients add.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }
}
