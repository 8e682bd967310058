using System.Diagnostics;
using DossierWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DossierWorkflow.Portal.Pages;

/// <summary>
/// The page for an error status (re-executed with <c>?statusCode=</c>) or an exception: what happened in plain words,
/// never a stack trace. Answers with the original status.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string RequestId { get; private set; } = "";

    // The code comes from the query only: a POST re-executed here must not have its body read again.
    public void OnGet([FromQuery] int? statusCode) => Describe(statusCode);

    public void OnPost([FromQuery] int? statusCode) => Describe(statusCode);

    private void Describe(int? statusCode)
    {
        Status = HttpContext.FailedForOutage() ? StatusCodes.Status503ServiceUnavailable : statusCode ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = Status;
        if (Status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.AnswerTryAgain();
        }
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
