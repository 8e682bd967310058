namespace DossierWorkflow.Engine.Runtime;

/// <summary>
/// Ids of the rows the engine creates (instances, tokens, tasks, timers, subscriptions, incidents, outbox messages):
/// version 7 UUIDs, which begin with their creation time. A new row's key therefore lands at the end of its key index
/// (and the journal's, which begins with the instance id, stays grouped by age), where the pages are already in memory,
/// instead of on a random leaf of an index that grows with the whole history.
/// </summary>
internal static class NewId
{
    public static Guid Next() => Guid.CreateVersion7();
}
