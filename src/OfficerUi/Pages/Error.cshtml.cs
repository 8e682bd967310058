using System.Diagnostics;
using DossierWorkflow.OfficerUi.Localization;
using DossierWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages;

/// <summary>The friendly error page: unhandled errors and error status codes of the pages land here, never a stack trace.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
[AllowAnonymous]
public sealed class ErrorModel(IStringLocalizer<SharedResource> text) : PageModel
{
    public int Status { get; private set; }

    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    public string? RequestId { get; private set; }

    // The code comes from the query only: a POST re-executed here after its body was refused must not be read again.
    public void OnGet([FromQuery] int? statusCode) => Describe(statusCode);

    public void OnPost([FromQuery] int? statusCode) => Describe(statusCode);

    private void Describe(int? statusCode)
    {
        Status = BodyTooLarge ? StatusCodes.Status413PayloadTooLarge
            : HttpContext.FailedForOutage() ? StatusCodes.Status503ServiceUnavailable
            : statusCode ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = Status;
        if (Status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.AnswerTryAgain();
        }

        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Text) = Status switch
        {
            StatusCodes.Status404NotFound => (text["Error.NotFound.Title"].Value, text["Error.NotFound.Text"].Value),
            StatusCodes.Status503ServiceUnavailable => (text["Error.Outage.Title"].Value, text["Error.Outage.Text", DatabaseOutage.RetryAfterSeconds].Value),
            StatusCodes.Status413PayloadTooLarge => (text["Error.TooLarge.Title"].Value, text["Error.TooLarge.Text", MaxBodyBytes / (1024 * 1024) ?? 0].Value),
            >= 500 => (text["Error.Title"].Value, text["Error.Text"].Value),
            _ => (text["Error.Status.Title", Status].Value, text["Error.Text"].Value),
        };
    }

    /// <summary>
    /// The request declared a body larger than its page allows (e.g. a reception form with too many scans). Whichever
    /// component read the body first refused it — the antiforgery check reports that as a bad request — so the size
    /// decides.
    /// </summary>
    private bool BodyTooLarge => Request.ContentLength > MaxBodyBytes;

    private long? MaxBodyBytes => HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
}
