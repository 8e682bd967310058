using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Testing;
using DossierWorkflow.Engine.Tests.Support;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Tests.Persistence;

/// <summary>The test store must behave like a database for the racing and ambient-transaction tests to mean something.</summary>
public sealed class InMemoryWorkflowStoreTests
{
    private readonly InMemoryWorkflowStore _store = new();
    private readonly EngineHost _host;

    public InMemoryWorkflowStoreTests() => _host = new EngineHost(_store);

    [Fact]
    public async Task A_second_transaction_saving_the_same_instance_version_fails_and_writes_nothing()
    {
        var instanceId = await _host.StartAsync(Process("p").Start().UserTask("t").End().Build());
        await using var first = await _store.BeginAsync();
        await using var second = await _store.BeginAsync();
        var loadedByFirst = (await first.LoadInstanceAsync(instanceId))!;
        var loadedBySecond = (await second.LoadInstanceAsync(instanceId))!;

        await first.SaveAsync(Touch(loadedByFirst, "first"));
        await second.SaveAsync(Touch(loadedBySecond, "second"));
        await first.CommitAsync();
        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => second.CommitAsync());

        var stored = (await _store.FindInstanceAsync(instanceId))!;
        Assert.Equal((loadedByFirst.Instance.Version + 1, "first"), (stored.Version, stored.EndReason));
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_writes_nothing()
    {
        var instanceId = await _host.StartAsync(Process("p").Start().UserTask("t").End().Build());

        await using (var transaction = await _store.BeginAsync())
        {
            await transaction.SaveAsync(Touch((await transaction.LoadInstanceAsync(instanceId))!, "rolled back"));
        }

        Assert.Null((await _store.FindInstanceAsync(instanceId))!.EndReason);
    }

    [Fact]
    public async Task An_engine_command_inside_the_callers_unit_of_work_commits_with_the_callers_own_writes()
    {
        var definition = Process("p").Start().UserTask("t").End().Build();
        await _host.Engine.DeployAsync(definition);
        var dossierSaved = false;

        Guid instanceId;
        using (var unit = _store.BeginUnitOfWork())
        {
            var started = await _host.Engine.StartAsync(new StartInstance("p") { BusinessKey = "H12-0001" });
            await _host.Engine.CompleteWorkItemAsync(new CompleteWorkItem(Assert.Single(started.OpenWorkItems).Id));
            unit.Enlist(() => dossierSaved = true);
            instanceId = started.InstanceId;
            Assert.Null(await _store.FindInstanceAsync(instanceId));
            unit.Commit();
        }

        Assert.True(dossierSaved);
        Assert.Equal(InstanceStatus.Completed, (await _store.FindInstanceAsync(instanceId))!.Status);
    }

    [Fact]
    public async Task Rolling_back_the_callers_unit_of_work_discards_the_engine_commands_in_it()
    {
        await _host.Engine.DeployAsync(Process("p").Start().UserTask("t").End().Build());

        Guid instanceId;
        using (_store.BeginUnitOfWork())
        {
            instanceId = (await _host.Engine.StartAsync(new StartInstance("p"))).InstanceId;
        }

        Assert.Null(await _store.FindInstanceAsync(instanceId));
        Assert.Empty(await _store.QueryWorkItemsAsync(new WorkItemFilter()));
        await using var outside = await _store.BeginAsync();
        Assert.False(outside.JoinsAmbientTransaction);
    }

    private static WorkflowChangeSet Touch(StoredInstanceState loaded, string marker) => new(
        loaded.Instance with { Version = loaded.Instance.Version + 1, EndReason = marker },
        loaded.Instance.Version,
        RowChanges<StoredToken>.None,
        RowChanges<StoredWorkItem>.None,
        RowChanges<StoredTimer>.None,
        RowChanges<StoredMessageSubscription>.None,
        RowChanges<StoredIncident>.None,
        RowChanges<StoredOutboxMessage>.None,
        []);
}
