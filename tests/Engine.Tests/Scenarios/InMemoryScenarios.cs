using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Tests.Scenarios.Gateways;
using DossierWorkflow.Engine.Tests.Scenarios.UserTasks;
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

public sealed class InMemoryTimerScenarios : Timers.TimerScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryMessageScenarios : Messages.MessageScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryServiceTaskScenarios : ServiceTasks.ServiceTaskScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryLifecycleScenarios : Lifecycle.LifecycleScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryVersioningScenarios : Versioning.VersioningScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}

public sealed class InMemoryCompletionScenarios : Concurrency.CompletionScenarios
{
    protected override IWorkflowStore CreateStore() => new InMemoryWorkflowStore();
}
