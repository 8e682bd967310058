using System.Diagnostics;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
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

    public void OnGet(int? statusCode) => Describe(statusCode);

    public void OnPost(int? statusCode) => Describe(statusCode);

    private void Describe(int? statusCode)
    {
        Status = statusCode ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = Status;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Text) = Status switch
        {
            StatusCodes.Status404NotFound => (text["Error.NotFound.Title"].Value, text["Error.NotFound.Text"].Value),
            >= 500 => (text["Error.Title"].Value, text["Error.Text"].Value),
            _ => (text["Error.Status.Title", Status].Value, text["Error.Text"].Value),
        };
    }
}
