using DossierWorkflow.Dossiers.Tracking;
using DossierWorkflow.Portal.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace DossierWorkflow.Portal.Pages.Tracking;

/// <summary>
/// Tracking by code without signing in — the page the QR code on form 01 opens (<c>/tra-cuu/{code}</c>; the form sends
/// <c>?ma=</c>): the procedure, the receiving unit, received, appointment, status and where it is handled, the
/// applicant's name masked. Rate-limited per client address, so that codes cannot be enumerated.
/// </summary>
[EnableRateLimiting(PortalRateLimits.Tracking)]
public sealed class IndexModel(DossierTracking tracking) : PageModel
{
    /// <summary>The code asked for, as typed.</summary>
    public string? Code { get; private set; }

    public TrackedDossier? Dossier { get; private set; }

    /// <summary>A code was asked for and it cannot be one (too long, other characters).</summary>
    public bool IsInvalid { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, [FromQuery(Name = "ma")] string? typed, CancellationToken cancellationToken)
    {
        Code = (code ?? typed)?.Trim();
        if (string.IsNullOrEmpty(Code))
        {
            return Page();
        }

        if (DossierTracking.Normalise(Code) is not { } normalised)
        {
            IsInvalid = true;
            return Page();
        }

        // The form's ?ma= becomes the address the QR code opens, so that it can be bookmarked and shared.
        if (code is null)
        {
            return RedirectToPage(new { code = normalised });
        }

        Dossier = await tracking.FindAsync(normalised, cancellationToken);
        if (Dossier is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
