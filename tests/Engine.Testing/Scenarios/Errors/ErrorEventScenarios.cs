using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Handlers;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Testing.Scenarios.Errors;

internal static class Workflows
{
    /// <summary>A residence check with two ways out when it fails: not resident (refused), or any other business error (a person checks).</summary>
    public static ExecutableDefinition ResidenceCheck() => Process("residence-check")
        .Start().ServiceTask("verify", "verify-residence").UserTask("review").End("resolved", result: "resolved")
        .BoundaryError("not-resident", attachedTo: "verify", errorCode: "not-resident").End("refused", result: "refused")
        .BoundaryError("any-error", attachedTo: "verify", errorCode: null).UserTask("check-by-hand").End("checked", result: "resolved")
        .Build();

    public static ExecutableDefinition OnlyNotResident() => Process("residence-check-narrow")
        .Start().ServiceTask("verify", "verify-residence").UserTask("review").End()
        .BoundaryError("not-resident", attachedTo: "verify", errorCode: "not-resident").End("refused", result: "refused")
        .Build();
}

/// <summary>
/// A service task's handler raises a business error by code: the error boundary event for that code takes the dossier
/// on (with errorCode and errorMessage), else the one without a code; none catching it leaves an incident.
/// </summary>
public abstract class ErrorEventScenarios : ScenarioTest
{
    private readonly VerifyingHandler _verify = new("verify-residence");

    protected override IEnumerable<IServiceTaskHandler> Handlers => [_verify];

    [Fact]
    public async Task The_error_boundary_for_the_raised_code_takes_the_dossier_on()
    {
        _verify.Raise = "not-resident";

        var instanceId = await Host.StartAsync(Workflows.ResidenceCheck());

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal((InstanceStatus.Completed, "refused"), (position.Status, position.Result));
        Assert.Equal("not-resident", position.Variables["errorCode"]!.GetValue<string>());
        Assert.Empty(position.OpenIncidents);
        var journal = await Engine.GetJournalAsync(instanceId);
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.NodeEntered && e.ElementId == "not-resident");
    }

    [Fact]
    public async Task Another_code_is_caught_by_the_boundary_without_a_code()
    {
        _verify.Raise = "registry-unreachable";

        var instanceId = await Host.StartAsync(Workflows.ResidenceCheck());

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(["check-by-hand"], position.ActiveElementIds);
        Assert.Equal("verification failed: registry-unreachable", position.Variables["errorMessage"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_error_means_the_normal_way_and_an_uncaught_code_an_incident_that_a_retry_gets_past()
    {
        var fine = await Host.StartAsync(Workflows.OnlyNotResident());
        _verify.Raise = "registry-unreachable";
        var stuck = await Host.StartAsync(Workflows.OnlyNotResident());

        Assert.Equal(["review"], (await Engine.GetPositionAsync(fine)).ActiveElementIds);
        var incident = Assert.Single((await Engine.GetPositionAsync(stuck)).OpenIncidents);
        Assert.Equal((IncidentKind.HandlerFailed, "verify"), (incident.Kind, incident.ElementId));
        Assert.Contains("business error 'registry-unreachable'", incident.Message);

        _verify.Raise = "not-resident";
        var retried = await Engine.RetryIncidentAsync(incident.Id, actor: "admin");
        Assert.Equal((InstanceStatus.Completed, "refused"), (retried.Status, retried.Result));
        Assert.Empty(retried.OpenIncidents);
    }
}
