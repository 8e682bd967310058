using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.Engine.Deployment;
using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Runtime;
using DossierWorkflow.Engine.Timers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Engine.Testing;

/// <summary>An engine over a given store with a fake clock, wired by hand as <c>AddWorkflowEngine</c> would.</summary>
public sealed class EngineHost
{
    private readonly DefinitionCache _definitions;
    private readonly ServiceTaskHandlers _handlers;
    private readonly WorkflowEngineOptions _options;
    private readonly ICandidateUnitResolver _candidateUnits;

    public EngineHost(
        IWorkflowStore store,
        FakeTimeProvider? clock = null,
        IEnumerable<IServiceTaskHandler>? handlers = null,
        IEnumerable<IExternalTaskHandler>? externalHandlers = null,
        Action<WorkflowEngineOptions>? configure = null,
        ICandidateUnitResolver? candidateUnits = null,
        IWorkingCalendar? calendar = null,
        IDefinitionCompiler? compiler = null)
    {
        Store = store;
        _definitions = new DefinitionCache(compiler);
        Calendar = calendar ?? new WeekendOnlyCalendar();
        Clock = clock ?? new FakeTimeProvider();
        _handlers = new ServiceTaskHandlers(handlers ?? [], externalHandlers ?? []);
        _candidateUnits = candidateUnits ?? new NoCandidateUnits();
        _options = new WorkflowEngineOptions { WorkerId = "worker-1", RetryBaseDelay = TimeSpan.FromMinutes(1), RetryMaxDelay = TimeSpan.FromHours(1) };
        configure?.Invoke(_options);
        Engine = CreateEngine(_options);
    }

    public IWorkflowStore Store { get; }

    public FakeTimeProvider Clock { get; }

    public IWorkflowEngine Engine { get; }

    public IWorkingCalendar Calendar { get; }

    /// <summary>A second worker in the same process (shared definition cache) with its own worker id.</summary>
    public IWorkflowEngine Worker(string workerId, int? batchSize = null)
    {
        var options = new WorkflowEngineOptions
        {
            WorkerId = workerId,
            RetryBaseDelay = _options.RetryBaseDelay,
            RetryMaxDelay = _options.RetryMaxDelay,
            BatchSize = batchSize ?? _options.BatchSize,
        };
        return CreateEngine(options);
    }

    public async Task<Guid> StartAsync(Graph.ExecutableDefinition definition, string? businessKey = null, JsonObject? variables = null)
    {
        await Engine.DeployAsync(definition);
        var position = await Engine.StartAsync(new StartInstance(definition.Key) { BusinessKey = businessKey, Variables = variables, Actor = "reception" });
        return position.InstanceId;
    }

    public async Task<IReadOnlyList<JournalEntryKind>> JournalKindsAsync(Guid instanceId) =>
        [.. (await Engine.GetJournalAsync(instanceId)).Select(e => e.Kind)];

    public async Task<WorkItem> OpenTaskAsync(Guid instanceId, string elementId) =>
        (await Engine.GetPositionAsync(instanceId)).OpenWorkItems.Single(w => w.ElementId == elementId);

    private WorkflowEngine CreateEngine(WorkflowEngineOptions options) =>
        new(Store, _definitions, _handlers, Clock, Calendar, _candidateUnits, Options.Create(options), NullLogger<WorkflowEngine>.Instance);
}
