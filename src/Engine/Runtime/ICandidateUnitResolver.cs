using System.Text.Json.Nodes;

namespace DossierWorkflow.Engine.Runtime;

/// <summary>
/// Decides which unit of the organisation handles a new user task, from its candidate role, its <c>dw:unitScope</c> and the
/// instance's variables. The engine knows no organisation: the domain implements this port; the default routes no task
/// (<see cref="WorkItem.CandidateUnit"/> stays null). It is called inside the command that creates the task, and its answer
/// is stored on the work item, so the officers' queues are plain index reads and never re-resolve anything.
/// </summary>
public interface ICandidateUnitResolver
{
    /// <summary>
    /// The code of the unit whose holders of the candidate role may take the task, or null when it cannot be decided (the
    /// task is then visible to nobody's unit queue; the domain decides who looks after such tasks). Must not change the
    /// variables. An exception fails the command.
    /// </summary>
    ValueTask<string?> ResolveAsync(CandidateUnitRequest request, CancellationToken cancellationToken);
}

/// <summary>A user task about to be created, as the resolver sees it.</summary>
public sealed record CandidateUnitRequest(
    string DefinitionKey,
    string ElementId,
    string? CandidateRole,
    string? UnitScope,
    string? BusinessKey,
    JsonObject Variables);

/// <summary>The default: no organisation, so no task is routed to a unit.</summary>
internal sealed class NoCandidateUnits : ICandidateUnitResolver
{
    public ValueTask<string?> ResolveAsync(CandidateUnitRequest request, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
