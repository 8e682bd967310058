using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>
/// Routes a new user task to a unit: its <c>dw:unitScope</c> resolved (<see cref="UnitScopes"/>) from the unit that received
/// the dossier (the <see cref="WorkflowVariables.ReceivingUnit"/> variable). Scoped, on the command's DbContext; the unit
/// tree is read once per scope. A task that cannot be routed (no receiving unit, an unknown unit or department) is left
/// unrouted and logged: administrators see such tasks in their queue.
/// </summary>
internal sealed class UnitScopeResolver(DossiersDbContext db, ILogger<UnitScopeResolver> logger) : ICandidateUnitResolver
{
    private List<Unit>? _units;

    public async ValueTask<string?> ResolveAsync(CandidateUnitRequest request, CancellationToken cancellationToken)
    {
        if (request.Variables[WorkflowVariables.ReceivingUnit]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            logger.LogWarning("Task {ElementId} of {BusinessKey} is not routed: the instance has no '{Variable}' variable", request.ElementId, request.BusinessKey, WorkflowVariables.ReceivingUnit);
            return null;
        }

        var receivingCode = request.Variables[WorkflowVariables.ReceivingUnit]!.GetValue<string>();
        _units ??= await db.Set<Unit>().AsNoTracking().ToListAsync(cancellationToken);
        var receiving = _units.FirstOrDefault(u => string.Equals(u.Code, receivingCode, StringComparison.OrdinalIgnoreCase));
        if (receiving is null)
        {
            logger.LogWarning("Task {ElementId} of {BusinessKey} is not routed: no unit has the code '{UnitCode}'", request.ElementId, request.BusinessKey, receivingCode);
            return null;
        }

        var (unit, error) = UnitScopes.Resolve(request.UnitScope, receiving, _units);
        if (unit is null)
        {
            logger.LogWarning("Task {ElementId} of {BusinessKey} is not routed: {Problem}", request.ElementId, request.BusinessKey, error);
        }

        return unit?.Code;
    }
}
