using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Runtime;

namespace DossierWorkflow.Engine.Testing.Scenarios;

/// <summary>
/// Base of every scenario test: the scenarios run unchanged on each store that overrides <see cref="CreateStore"/>
/// (as workflow-core's <c>PostgresEventScenario : EventScenario</c>). The in-memory subclasses live in
/// <c>Engine.Tests/Scenarios/InMemoryScenarios.cs</c>; a database store adds one subclass per scenario class, each owning
/// a fresh database (the EF Core store's: <c>Dossiers.Tests/Workflow/EfScenarios.cs</c>).
/// </summary>
public abstract class ScenarioTest
{
    private EngineHost? _host;

    protected abstract IWorkflowStore CreateStore();

    /// <summary>Handlers the scenario needs; override before first use of <see cref="Host"/>.</summary>
    protected virtual IEnumerable<IServiceTaskHandler> Handlers => [];

    protected virtual IEnumerable<IExternalTaskHandler> ExternalHandlers => [];

    /// <summary>How the scenario routes tasks to units; override before first use of <see cref="Host"/>.</summary>
    protected virtual ICandidateUnitResolver? CandidateUnits => null;

    protected EngineHost Host => _host ??= new EngineHost(Decorate(CreateStore()), new FakeTimeProvider(), Handlers, ExternalHandlers, candidateUnits: CandidateUnits);

    /// <summary>Lets a scenario wrap whichever store it runs on (e.g. to force two commands to interleave).</summary>
    protected virtual IWorkflowStore Decorate(IWorkflowStore store) => store;

    protected IWorkflowEngine Engine => Host.Engine;

    protected FakeTimeProvider Clock => Host.Clock;
}
