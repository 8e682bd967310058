using DossierWorkflow.Dossiers.Dossiers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.Portal.Localization;

/// <summary>The domain's problems (a field and a code) as messages on the page's fields, in the citizen's language.</summary>
internal static class ProblemText
{
    /// <summary>
    /// Adds each problem to <paramref name="modelState"/> under <c>{prefix}{field}</c> (a problem without a field: the
    /// page's own), its text the resource <c>Problem.{code}</c>.
    /// </summary>
    public static void AddProblems(this ModelStateDictionary modelState, IEnumerable<DossierProblem> problems, IStringLocalizer<PortalText> text, string prefix = "Input.")
    {
        foreach (var problem in problems)
        {
            var message = text[$"Problem.{problem.Code}", problem.Arguments];
            modelState.AddModelError(problem.Field.Length == 0 ? string.Empty : prefix + problem.Field, message.ResourceNotFound ? text["Problem.Invalid"] : message);
        }
    }

    /// <summary>The first problem said on <paramref name="key"/> (a field, or <c>""</c> for the page's own), or null.</summary>
    public static string? ProblemOf(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
