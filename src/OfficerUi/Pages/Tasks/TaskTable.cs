namespace DossierWorkflow.OfficerUi.Pages.Tasks;

/// <summary>One list of tasks and what its rows offer; <paramref name="Members"/> who each row's queue may go to.</summary>
public sealed record TaskTable(
    IReadOnlyList<IndexModel.TaskRow> Rows,
    TaskAction Action,
    IReadOnlyDictionary<(string Role, string Unit), IReadOnlyList<IndexModel.Colleague>>? Members = null)
{
    /// <summary>The officers a row's step may go to (its queue's members but <paramref name="except"/>).</summary>
    public IReadOnlyList<IndexModel.Colleague> ColleaguesOf(IndexModel.TaskRow row, string? except) =>
        row.CandidateRole is { } role && row.UnitCode is { } unit && Members?.GetValueOrDefault((role, unit)) is { } members
            ? [.. members.Where(m => m.UserName != except)]
            : [];
}

public enum TaskAction
{
    None,

    /// <summary>Take it from the queue.</summary>
    Claim,

    /// <summary>Give it back to the queue, or hand it to a colleague.</summary>
    Unclaim,

    /// <summary>A leader gives it to an officer of the queue.</summary>
    Assign,
}
