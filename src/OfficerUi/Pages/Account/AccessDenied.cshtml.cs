using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DossierWorkflow.OfficerUi.Pages.Account;

/// <summary>A signed-in officer asked for a page their roles do not open.</summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
