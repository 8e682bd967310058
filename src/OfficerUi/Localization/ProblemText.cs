using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Localization;

/// <summary>The message of a problem the domain reports by key (a reception field, a refused file), in the user's language.</summary>
internal static class ProblemText
{
    /// <summary>The resource <paramref name="key"/> with its arguments; a general "not valid" when no text exists for it.</summary>
    public static string Problem(this IStringLocalizer<SharedResource> text, string key, object[] arguments)
    {
        var message = text[key, arguments];
        return message.ResourceNotFound ? text["Reception.Error.Invalid"] : message;
    }
}
