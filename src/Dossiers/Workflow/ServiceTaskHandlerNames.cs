namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>The <c>dw:handler</c> names the domain serves; definitions naming any other handler are refused at deploy time.</summary>
public static class ServiceTaskHandlerNames
{
    /// <summary>Issues one of the legal forms 01–07 (<c>dw:form</c>): recorded on the dossier when the step runs.</summary>
    public const string IssueForm = "issue-form";

    /// <summary>Tells the applicant about the dossier (e.g. that the result is ready), outside the transaction.</summary>
    public const string Notify = "notify";

    /// <summary>
    /// Reports a dossier to the national public-service portal: queued by the domain itself (never a workflow's step),
    /// so not among the names definitions may use.
    /// </summary>
    public const string NationalSync = "national-sync";

    public static IReadOnlyList<string> All { get; } = [IssueForm, Notify];
}
