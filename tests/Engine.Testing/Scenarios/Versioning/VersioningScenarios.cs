using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Testing.Scenarios.Versioning;

internal static class Workflows
{
    public static ExecutableDefinition Version1() => Process("land-use").Start().UserTask("review").End("done", result: "v1").Build("hash-1");

    public static ExecutableDefinition Version2() =>
        Process("land-use").Start().UserTask("review").UserTask("sign", role: "leader").End("done", result: "v2").Build("hash-2");
}

public abstract class VersioningScenarios : ScenarioTest
{
    [Fact]
    public async Task Deploying_the_same_content_again_is_a_no_op_returning_the_existing_version()
    {
        var first = await Engine.DeployAsync(Workflows.Version1());

        var again = await Engine.DeployAsync(Workflows.Version1());

        Assert.Equal((1, true), (first.Version, first.Created));
        Assert.Equal((1, false), (again.Version, again.Created));
    }

    [Fact]
    public async Task Deploying_changed_content_creates_the_next_version_and_new_instances_use_it()
    {
        await Engine.DeployAsync(Workflows.Version1());

        var second = await Engine.DeployAsync(Workflows.Version2());
        var started = await Engine.StartAsync(new StartInstance("land-use"));

        Assert.Equal((2, true), (second.Version, second.Created));
        Assert.Equal(2, started.DefinitionVersion);
    }

    [Fact]
    public async Task The_latest_definition_is_read_as_compiled_and_none_for_a_key_never_deployed()
    {
        await Engine.DeployAsync(Workflows.Version1());
        await Engine.DeployAsync(Workflows.Version2());

        var latest = await Engine.GetLatestDefinitionAsync("land-use");

        Assert.Equal(["review", "sign"], latest!.UserTasks.Select(t => t.Id).Order());
        Assert.Null(await Engine.GetLatestDefinitionAsync("never-deployed"));
    }

    [Fact]
    public async Task A_running_instance_stays_on_the_version_it_started_with()
    {
        await Engine.DeployAsync(Workflows.Version1());
        var onVersion1 = await Engine.StartAsync(new StartInstance("land-use"));
        await Engine.DeployAsync(Workflows.Version2());

        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(Assert.Single(onVersion1.OpenWorkItems).Id));

        Assert.Equal((InstanceStatus.Completed, "v1", 1), (done.Status, done.Result, done.DefinitionVersion));
    }

    [Fact]
    public async Task An_instance_can_be_started_on_an_explicit_version()
    {
        await Engine.DeployAsync(Workflows.Version1());
        await Engine.DeployAsync(Workflows.Version2());

        var started = await Engine.StartAsync(new StartInstance("land-use") { Version = 1 });

        Assert.Equal(1, started.DefinitionVersion);
    }

    [Fact]
    public async Task Starting_an_undeployed_definition_is_rejected()
    {
        var error = await Assert.ThrowsAsync<DefinitionNotFoundException>(() => Engine.StartAsync(new StartInstance("unknown-procedure")));

        Assert.Contains("unknown-procedure", error.Message);
    }
}
