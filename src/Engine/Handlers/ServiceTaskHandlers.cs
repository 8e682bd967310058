namespace DossierWorkflow.Engine.Handlers;

/// <summary>The registered handlers by name; one name serves one handler, in-transaction or external.</summary>
internal sealed class ServiceTaskHandlers
{
    private readonly Dictionary<string, IServiceTaskHandler> _inTransaction;
    private readonly Dictionary<string, IExternalTaskHandler> _external;

    public ServiceTaskHandlers(IEnumerable<IServiceTaskHandler> inTransaction, IEnumerable<IExternalTaskHandler> external)
    {
        _inTransaction = new(StringComparer.Ordinal);
        _external = new(StringComparer.Ordinal);
        foreach (var handler in inTransaction)
        {
            if (!_inTransaction.TryAdd(handler.Name, handler))
            {
                throw new InvalidOperationException($"Two service-task handlers are registered under the name '{handler.Name}'.");
            }
        }

        foreach (var handler in external)
        {
            if (_inTransaction.ContainsKey(handler.Name) || !_external.TryAdd(handler.Name, handler))
            {
                throw new InvalidOperationException($"Two service-task handlers are registered under the name '{handler.Name}'.");
            }
        }
    }

    public IServiceTaskHandler? FindInTransaction(string name) => _inTransaction.GetValueOrDefault(name);

    public IExternalTaskHandler? FindExternal(string name) => _external.GetValueOrDefault(name);

    /// <summary>
    /// The same handlers for a test run: each in-transaction one succeeds without running (it would write to the
    /// dossier); external ones stay, since the runner only queues their messages.
    /// </summary>
    public ServiceTaskHandlers ForTestRun() => new(_inTransaction.Keys.Select(name => new Succeeding(name)), _external.Values);

    private sealed class Succeeding(string name) : IServiceTaskHandler
    {
        public string Name { get; } = name;

        public ValueTask<ServiceTaskResult> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken) => ValueTask.FromResult(ServiceTaskResult.Done);
    }
}
