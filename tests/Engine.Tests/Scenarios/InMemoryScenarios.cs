using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Testing.Scenarios.Concurrency;
using DossierWorkflow.Engine.Testing.Scenarios.Gateways;
using DossierWorkflow.Engine.Testing.Scenarios.Lifecycle;
using DossierWorkflow.Engine.Testing.Scenarios.Messages;
using DossierWorkflow.Engine.Testing.Scenarios.ServiceTasks;
using DossierWorkflow.Engine.Testing.Scenarios.ThrowEvents;
using DossierWorkflow.Engine.Testing.Scenarios.EventGateways;
using DossierWorkflow.Engine.Testing.Scenarios.Errors;
using DossierWorkflow.Engine.Testing.Scenarios.CallActivities;
using DossierWorkflow.Engine.Testing.Scenarios.Signals;
using DossierWorkflow.Engine.Testing.Scenarios.MultiInstance;
using DossierWorkflow.Engine.Testing.Scenarios.Scopes;
using DossierWorkflow.Engine.Testing.Scenarios.Timers;
using DossierWorkflow.Engine.Testing.Scenarios.UserTasks;
using DossierWorkflow.Engine.Testing.Scenarios.Versioning;
using DossierWorkflow.Engine.Tests.Support;

namespace DossierWorkflow.Engine.Tests.Scenarios;

// Every scenario on the in-memory store. A database store adds the same list with its own CreateStore.

public sealed class InMemoryUserTaskScenarios : UserTaskScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryGatewayScenarios : GatewayScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryTimerScenarios : TimerScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryMessageScenarios : MessageScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryServiceTaskScenarios : ServiceTaskScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryThrowEventScenarios : ThrowEventScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryEventGatewayScenarios : EventGatewayScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryErrorEventScenarios : ErrorEventScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryLifecycleScenarios : LifecycleScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryVersioningScenarios : VersioningScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryCompletionScenarios : CompletionScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemorySubProcessScenarios : SubProcessScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryMultiInstanceScenarios : MultiInstanceScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemorySignalScenarios : SignalScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryCallActivityScenarios : CallActivityScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}
