using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.WorkflowDesign;

/// <summary>
/// Moves running dossiers of one version of a procedure's workflow onto another (a migration), or one dossier's step to
/// another step (a token moved by hand), by an administrator and with a reason. The plan of a migration lists the steps
/// its dossiers are at, each mapped to the step of the same id in the target version unless the administrator chooses
/// another; one without a target refuses the whole migration before anything moves. Then each dossier moves in a
/// transaction of its own (<see cref="IWorkflowEngine.RelocateAsync"/>), and the report says which moved and which not.
/// </summary>
public sealed class WorkflowMigrations(DossiersDbContext db, IWorkflowEngine engine)
{
    /// <summary>The steps the running dossiers of <paramref name="fromVersion"/> are at, and the steps of the target they may go to.</summary>
    public async Task<MigrationPlan?> PlanAsync(string key, int fromVersion, int toVersion, CancellationToken cancellationToken)
    {
        if (fromVersion == toVersion || !await VersionExistsAsync(key, fromVersion, cancellationToken) || !await VersionExistsAsync(key, toVersion, cancellationToken))
        {
            return null;
        }

        var from = await engine.GetDefinitionAsync(key, fromVersion, cancellationToken);
        var to = await engine.GetDefinitionAsync(key, toVersion, cancellationToken);
        var active = await (
                from token in db.Set<StoredToken>()
                join instance in db.Set<StoredInstance>() on token.InstanceId equals instance.Id
                where instance.DefinitionKey == key && instance.DefinitionVersion == fromVersion && instance.Status == InstanceStatus.Running
                group token by token.ElementId into steps
                select new { ElementId = steps.Key, Dossiers = steps.Select(t => t.InstanceId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        return new MigrationPlan(
            key,
            fromVersion,
            toVersion,
            [
                .. active.OrderBy(a => a.ElementId, StringComparer.Ordinal).Select(a => new MigrationStep(
                    a.ElementId,
                    from.Nodes.TryGetValue(a.ElementId, out var node) ? node.DisplayName : a.ElementId,
                    a.Dossiers,
                    to.Nodes.ContainsKey(a.ElementId) ? a.ElementId : null)),
            ],
            [.. Targets(to)]);
    }

    /// <summary>
    /// Migrates every running dossier of <paramref name="fromVersion"/> to <paramref name="toVersion"/>, each step to the
    /// one <paramref name="mapping"/> names (or the same id). Refused before anything moves when a step has no target.
    /// </summary>
    public async Task<MigrationReport> MigrateAsync(
        string key, int fromVersion, int toVersion, IReadOnlyDictionary<string, string> mapping, string actor, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return MigrationReport.Refuse(new DossierProblem("Reason", "ReasonRequired"));
        }

        if (await PlanAsync(key, fromVersion, toVersion, cancellationToken) is not { } plan)
        {
            return MigrationReport.Refuse(new DossierProblem("Version", "VersionUnknown", toVersion));
        }

        // Each step goes to the step of the same id (any element of the target, a join included) or to one chosen among
        // the steps a dossier can wait at.
        var targets = plan.Targets.Select(t => t.ElementId).ToHashSet(StringComparer.Ordinal);
        var moves = plan.Steps.ToDictionary(s => s.ElementId, s => mapping.GetValueOrDefault(s.ElementId) is { Length: > 0 } chosen ? chosen : s.DefaultTarget, StringComparer.Ordinal);
        if (moves.Where(m => m.Value is null || (m.Value != plan.Steps.Single(s => s.ElementId == m.Key).DefaultTarget && !targets.Contains(m.Value))).Select(m => m.Key).ToList() is { Count: > 0 } unmapped)
        {
            return MigrationReport.Refuse(new DossierProblem("Mapping", "StepUnmapped", string.Join(", ", unmapped.Select(id => $"«{plan.Steps.Single(s => s.ElementId == id).Name}» ({id})"))));
        }

        var instances = await db.Set<StoredInstance>().AsNoTracking()
            .Where(i => i.DefinitionKey == key && i.DefinitionVersion == fromVersion && i.Status == InstanceStatus.Running)
            .OrderBy(i => i.StartedAt).Select(i => new { i.Id, i.BusinessKey })
            .ToListAsync(cancellationToken);
        List<string> moved = [];
        List<MigrationRefusal> refused = [];
        foreach (var instance in instances)
        {
            try
            {
                // Not the request's token: once begun, a migration goes through even when the browser leaves.
                await engine.RelocateAsync(new RelocateInstance(instance.Id, actor, reason.Trim()) { ToVersion = toVersion, Moves = moves! }, CancellationToken.None);
                moved.Add(instance.BusinessKey ?? instance.Id.ToString());
            }
            catch (WorkflowException exception)
            {
                // Finished or changed meanwhile, or at a step the plan did not know: that dossier stays where it is.
                refused.Add(new MigrationRefusal(instance.BusinessKey ?? instance.Id.ToString(), exception.Code));
            }
        }

        return new MigrationReport(null, moved, refused);
    }

    /// <summary>Moves a dossier's step to another step of its own version, by hand; the workflow goes on from there.</summary>
    public async Task<DossierProblem?> MoveStepAsync(string dossierCode, string fromElement, string toElement, string actor, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new DossierProblem("Reason", "ReasonRequired");
        }

        var instance = await db.Set<StoredInstance>().AsNoTracking()
            .Where(i => i.BusinessKey == dossierCode && i.Status == InstanceStatus.Running).Select(i => new { i.Id, i.DefinitionKey, i.DefinitionVersion })
            .FirstOrDefaultAsync(cancellationToken);
        if (instance is null)
        {
            return new DossierProblem("Dossier", "NotRunning", dossierCode);
        }

        var definition = await engine.GetDefinitionAsync(instance.DefinitionKey, instance.DefinitionVersion, cancellationToken);
        if (!Targets(definition).Any(t => t.ElementId == toElement))
        {
            return new DossierProblem("Target", "StepUnknown", toElement);
        }

        if (!await db.Set<StoredToken>().AnyAsync(t => t.InstanceId == instance.Id && t.ElementId == fromElement, cancellationToken))
        {
            return new DossierProblem("From", "StepNotActive", fromElement);
        }

        try
        {
            await engine.RelocateAsync(new RelocateInstance(instance.Id, actor, reason.Trim()) { Moves = new Dictionary<string, string> { [fromElement] = toElement } }, cancellationToken);
            return null;
        }
        catch (WorkflowException exception) when (exception is not WorkflowConcurrencyException { CallerMustRollBack: true })
        {
            // Another officer moved the dossier on meanwhile, or it ended: nothing was moved.
            return new DossierProblem("Dossier", "Changed", dossierCode, exception.Code);
        }
    }

    /// <summary>The steps a token may be moved to: where a dossier can wait (tasks and catch events).</summary>
    public static IEnumerable<MigrationTarget> Targets(ExecutableDefinition definition) =>
        definition.Nodes.Values
            .Where(n => n is UserTaskNode or ServiceTaskNode or ReceiveTaskNode or IntermediateCatchEventNode)
            .OrderBy(n => n.DisplayName, StringComparer.CurrentCulture)
            .Select(n => new MigrationTarget(n.Id, n.DisplayName));

    private Task<bool> VersionExistsAsync(string key, int version, CancellationToken cancellationToken) =>
        db.Set<StoredDefinition>().AnyAsync(d => d.Key == key && d.Version == version, cancellationToken);
}

/// <summary>Where the running dossiers of a version are, and where they can go in the target version.</summary>
public sealed record MigrationPlan(string Key, int FromVersion, int ToVersion, IReadOnlyList<MigrationStep> Steps, IReadOnlyList<MigrationTarget> Targets)
{
    public int Dossiers => Steps.Sum(s => s.Dossiers);
}

/// <summary>A step running dossiers are at, how many, and the step of the same id in the target version (null: removed there).</summary>
public sealed record MigrationStep(string ElementId, string Name, int Dossiers, string? DefaultTarget);

public sealed record MigrationTarget(string ElementId, string Name);

public sealed record MigrationRefusal(string Dossier, string Code);

/// <summary>The dossiers moved and those that could not be, or why the migration was refused as a whole.</summary>
public sealed record MigrationReport(DossierProblem? Refusal, IReadOnlyList<string> Moved, IReadOnlyList<MigrationRefusal> NotMoved)
{
    public static MigrationReport Refuse(DossierProblem refusal) => new(refusal, [], []);
}
