using DossierWorkflow.Engine.Deployment;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Engine.Runtime;

/// <summary>
/// The instances one command changes: the one it was for, and those its call activities start, end or cancel — a dossier
/// and the workflows it called change together, in the command's one transaction. After the command's runner has run,
/// <see cref="CompleteAsync"/> applies each runner's call effects (which may load the calling instance, start a called one,
/// and so on, until none is left), then saves every changed instance and commits once.
/// </summary>
internal sealed class CommandSession(
    IWorkflowStoreTransaction transaction,
    DefinitionCache definitions,
    RunEnvironment environment,
    string? actor,
    CancellationToken cancellationToken)
{
    /// <summary>
    /// The most instances one command may start through call activities: a definition that (indirectly) calls itself at
    /// once stops with an incident instead of starting without end.
    /// </summary>
    public const int MaxCallsPerCommand = 100;

    private readonly Dictionary<Guid, (StoredInstanceState? Loaded, ExecutionRunner Runner)> _instances = [];
    private ExecutionRunner? _primary;
    private int _started;

    /// <summary>Adds an instance the command runs; the first one added is the command's own, always saved.</summary>
    public void Add(StoredInstanceState? loaded, ExecutionRunner runner)
    {
        _primary ??= runner;
        _instances[runner.State.Id] = (loaded, runner);
    }

    public async Task CompleteAsync()
    {
        bool applied;
        do
        {
            applied = false;
            foreach (var (_, runner) in _instances.Values.ToList())
            {
                while (runner.TryTakeCallEffect(out var effect))
                {
                    await ApplyAsync(runner, effect);
                    applied = true;
                }
            }
        }
        while (applied);

        // An instance loaded only to find that it no longer waits for the effect (nothing journalled) is left as it was.
        foreach (var (loaded, runner) in _instances.Values.Where(i => i.Runner == _primary || i.Loaded is null || i.Runner.Journal.Count > 0))
        {
            var changes = InstanceStateMapping.Diff(loaded, runner.State, runner.Journal, runner.Outbox, runner.OutboxUpdates);
            await transaction.SaveAsync(changes, cancellationToken);
            runner.State.Version = changes.Instance.Version;
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task ApplyAsync(ExecutionRunner from, CallEffect effect)
    {
        switch (effect)
        {
            case CallStart start:
                await StartCalledAsync(from, start);
                break;
            case CallCancel cancel when await FindAsync(cancel.ChildId) is { State.Status: InstanceStatus.Running } child:
                child.EndInstance(InstanceStatus.Cancelled, null, "cancelled with the calling workflow");
                break;
            case CallEnd end when await FindAsync(end.ParentInstanceId) is { } caller:
                await caller.EndCallAsync(end);
                break;
            case CallError error when await FindAsync(error.ParentInstanceId) is { } caller:
                await caller.ThrowFromCallAsync(error);
                break;
            case CallEscalation escalation when await FindAsync(escalation.ParentInstanceId) is { } caller:
                await caller.EscalateFromCallAsync(escalation);
                break;
        }
    }

    private async Task StartCalledAsync(ExecutionRunner caller, CallStart start)
    {
        if (++_started > MaxCallsPerCommand)
        {
            caller.RefuseCall(start.ParentTokenId, start.ChildId, $"More than {MaxCallsPerCommand} instances were started by call activities in one command; the definitions probably call each other without end.");
            return;
        }

        var stored = start.Version is { } version
            ? await transaction.FindDefinitionAsync(start.Key, version, cancellationToken)
            : await transaction.FindLatestDefinitionAsync(start.Key, cancellationToken);
        if (stored is null)
        {
            caller.RefuseCall(start.ParentTokenId, start.ChildId, $"The workflow '{start.Key}'{(start.Version is { } v ? $" version {v}" : "")} is not deployed; deploy it, then retry.");
            return;
        }

        var definition = await definitions.GetAsync(stored.Key, stored.Version, () => transaction.FindDefinitionAsync(stored.Key, stored.Version, cancellationToken), stored.ContentHash);
        var state = new InstanceState
        {
            Id = start.ChildId,
            DefinitionKey = stored.Key,
            DefinitionVersion = stored.Version,
            BusinessKey = caller.State.BusinessKey,
            ParentInstanceId = caller.State.Id,
            ParentTokenId = start.ParentTokenId,
            Status = InstanceStatus.Running,
            Variables = start.Variables,
            StartedAt = caller.Now,
            StartedBy = actor,
        };
        var runner = new ExecutionRunner(definition, state, environment, actor, cancellationToken);
        Add(null, runner);
        await runner.StartAsync(definition.StartNodes.Single());
    }

    /// <summary>The runner of an instance this command already has, else the instance loaded into the session; null when it does not exist.</summary>
    private async Task<ExecutionRunner?> FindAsync(Guid instanceId)
    {
        if (_instances.TryGetValue(instanceId, out var known))
        {
            return known.Runner;
        }

        if (await transaction.LoadInstanceAsync(instanceId, cancellationToken) is not { } loaded)
        {
            return null;
        }

        var row = loaded.Instance;
        var definition = await definitions.GetAsync(row.DefinitionKey, row.DefinitionVersion, () => transaction.FindDefinitionAsync(row.DefinitionKey, row.DefinitionVersion, cancellationToken));
        var runner = new ExecutionRunner(definition, InstanceStateMapping.ToRuntime(loaded), environment, actor, cancellationToken);
        Add(loaded, runner);
        return runner;
    }
}
