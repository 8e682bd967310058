using DossierWorkflow.OfficerUi.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.OfficerUi.Pages.Account;

/// <summary>
/// Where a sign-in at the OpenID provider ends when it opens no session: who is not one of our officers, or what went
/// wrong with the provider — said plainly, with the way back to the sign-in page.
/// </summary>
[AllowAnonymous]
public sealed class SingleSignOnRefusedModel(IOptions<OfficerSignInOptions> signIn) : PageModel
{
    public SingleSignOnRefusal Reason { get; private set; }

    public bool LocalAccounts => signIn.Value.LocalAccounts;

    public void OnGet(string? reason)
    {
        Reason = Enum.TryParse<SingleSignOnRefusal>(reason, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : SingleSignOnRefusal.ProviderAnswer;
        Response.StatusCode = Reason == SingleSignOnRefusal.ProviderUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status403Forbidden;
    }
}
