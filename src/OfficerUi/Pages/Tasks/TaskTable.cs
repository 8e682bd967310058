namespace DossierWorkflow.OfficerUi.Pages.Tasks;

/// <summary>One list of tasks and what its rows offer.</summary>
public sealed record TaskTable(IReadOnlyList<IndexModel.TaskRow> Rows, TaskAction Action);

public enum TaskAction
{
    None,
    Claim,
    Unclaim,
}
