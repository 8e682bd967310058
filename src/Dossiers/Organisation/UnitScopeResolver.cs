using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine.Runtime;
using Microsoft.Extensions.Logging;

namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>
/// Routes a new user task to a unit: its <c>dw:unitScope</c> resolved (<see cref="UnitScopes"/>) from the unit that received
/// the dossier (the <see cref="WorkflowVariables.ReceivingUnit"/> variable), against the cached unit tree
/// (<see cref="OrganisationUnits"/>), which is read again once when a unit is missing from it. A task that cannot be
/// routed (no receiving unit, an unknown unit or department) is left unrouted and logged: administrators see such tasks
/// in their queue.
/// </summary>
internal sealed class UnitScopeResolver(DossiersDbContext db, OrganisationUnits organisation, ILogger<UnitScopeResolver> logger) : ICandidateUnitResolver
{
    public async ValueTask<string?> ResolveAsync(CandidateUnitRequest request, CancellationToken cancellationToken)
    {
        if (request.Variables[WorkflowVariables.ReceivingUnit]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            logger.LogWarning("Task {ElementId} of {BusinessKey} is not routed: the instance has no '{Variable}' variable", request.ElementId, request.BusinessKey, WorkflowVariables.ReceivingUnit);
            return null;
        }

        var receivingCode = request.Variables[WorkflowVariables.ReceivingUnit]!.GetValue<string>();
        var (unit, problem) = Resolve(request.UnitScope, receivingCode, await organisation.GetAsync(db, cancellationToken));
        if (unit is null)
        {
            // The snapshot may predate the unit or department: read the tree again once before giving up.
            (unit, problem) = Resolve(request.UnitScope, receivingCode, await organisation.ReloadAsync(db, cancellationToken));
        }

        if (unit is null)
        {
            logger.LogWarning("Task {ElementId} of {BusinessKey} is not routed: {Problem}", request.ElementId, request.BusinessKey, problem);
        }

        return unit?.Code;
    }

    private static (Unit? Unit, string? Problem) Resolve(string? scope, string receivingCode, IReadOnlyList<Unit> units)
    {
        var receiving = units.FirstOrDefault(u => string.Equals(u.Code, receivingCode, StringComparison.OrdinalIgnoreCase));
        return receiving is null ? (null, $"no unit has the code '{receivingCode}'") : UnitScopes.Resolve(scope, receiving, units);
    }
}
