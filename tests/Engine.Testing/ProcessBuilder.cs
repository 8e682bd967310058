using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Testing;

/// <summary>
/// Builds <see cref="ExecutableDefinition"/>s in code, Zeebe-style: each element added is connected from the previous one
/// (the "cursor"); <see cref="From"/> moves the cursor, <see cref="When"/>/<see cref="Otherwise"/> put a condition or the
/// default mark on the next flow, <see cref="ConnectTo"/> joins to an existing element. Boundary events attach without a
/// flow and become the cursor. The content hash is derived from the structure unless given.
/// </summary>
public sealed class ProcessBuilder
{
    private readonly string _key;
    private readonly List<(string Id, Func<IReadOnlyDictionary<string, string>, ExecutableNode> Create)> _nodes = [];
    private readonly List<SequenceFlow> _flows = [];
    private readonly Dictionary<string, string> _defaultFlows = [];
    private string? _cursor;
    private CompiledCondition? _nextCondition;
    private bool _nextIsDefault;

    private ProcessBuilder(string key) => _key = key;

    public static ProcessBuilder Process(string key) => new(key);

    public ProcessBuilder Start(string id = "start") => Add(id, _ => new StartEventNode(id, null), connect: false);

    public ProcessBuilder End(string id = "end", string? result = null) => Add(id, _ => new EndEventNode(id, null, terminate: false, result));

    public ProcessBuilder TerminateEnd(string id, string? result = null) => Add(id, _ => new EndEventNode(id, null, terminate: true, result));

    public ProcessBuilder UserTask(string id, string role = "specialist", string? unit = null, int? durationDays = null, string[]? outcomes = null, string? name = null) =>
        Add(id, _ => new UserTaskNode(id, name ?? id, role, unit, durationDays, [.. outcomes ?? []], form: null));

    public ProcessBuilder ServiceTask(string id, string handler, params (string Key, string Value)[] parameters) =>
        Add(id, _ => new ServiceTaskNode(id, null, handler, parameters.ToImmutableDictionary(p => p.Key, p => p.Value), isSendTask: false));

    public ProcessBuilder MessageThrow(string id, string handler, params (string Key, string Value)[] parameters) =>
        Add(id, _ => new MessageThrowEventNode(id, null, handler, parameters.ToImmutableDictionary(p => p.Key, p => p.Value), isEnd: false, result: null));

    public ProcessBuilder MessageEnd(string id, string handler, string? result = null, params (string Key, string Value)[] parameters) =>
        Add(id, _ => new MessageThrowEventNode(id, null, handler, parameters.ToImmutableDictionary(p => p.Key, p => p.Value), isEnd: true, result));

    public ProcessBuilder Milestone(string id) => Add(id, _ => new NoneThrowEventNode(id, null));

    public ProcessBuilder ReceiveTask(string id, string message, string? correlationKeyPath = null) =>
        Add(id, _ => new ReceiveTaskNode(id, null, new MessageTrigger(message, correlationKeyPath)));

    public ProcessBuilder TimerCatch(string id, TimerTrigger timer) => Add(id, _ => new IntermediateCatchEventNode(id, null, timer));

    public ProcessBuilder MessageCatch(string id, string message, string? correlationKeyPath = null) =>
        Add(id, _ => new IntermediateCatchEventNode(id, null, new MessageTrigger(message, correlationKeyPath)));

    public ProcessBuilder BoundaryTimer(string id, string attachedTo, TimerTrigger timer, bool interrupting = true) =>
        Add(id, _ => new BoundaryEventNode(id, null, attachedTo, interrupting, timer), connect: false);

    public ProcessBuilder BoundaryError(string id, string attachedTo, string? errorCode) =>
        Add(id, _ => new BoundaryEventNode(id, null, attachedTo, true, new ErrorTrigger(errorCode)), connect: false);

    public ProcessBuilder BoundaryMessage(string id, string attachedTo, string message, bool interrupting = true) =>
        Add(id, _ => new BoundaryEventNode(id, null, attachedTo, interrupting, new MessageTrigger(message, null)), connect: false);

    public ProcessBuilder ExclusiveGateway(string id) => Add(id, d => new ExclusiveGatewayNode(id, null, d.GetValueOrDefault(id)));

    public ProcessBuilder InclusiveGateway(string id) => Add(id, d => new InclusiveGatewayNode(id, null, d.GetValueOrDefault(id)));

    public ProcessBuilder ParallelGateway(string id) => Add(id, _ => new ParallelGatewayNode(id, null));

    public ProcessBuilder EventBasedGateway(string id) => Add(id, _ => new EventBasedGatewayNode(id, null));

    /// <summary>Moves the cursor to an existing element (to draw another branch from it).</summary>
    public ProcessBuilder From(string id)
    {
        _cursor = id;
        return this;
    }

    /// <summary>The next flow from the cursor carries this condition.</summary>
    public ProcessBuilder When(CompiledCondition condition)
    {
        _nextCondition = condition;
        return this;
    }

    /// <summary>The next flow from the cursor is its gateway's default flow.</summary>
    public ProcessBuilder Otherwise()
    {
        _nextIsDefault = true;
        return this;
    }

    /// <summary>Connects the cursor to an element added elsewhere (a join, a loop back) and moves the cursor there.</summary>
    public ProcessBuilder ConnectTo(string id)
    {
        Connect(id);
        _cursor = id;
        return this;
    }

    public ExecutableDefinition Build(string? contentHash = null)
    {
        var nodes = _nodes.Select(n => n.Create(_defaultFlows)).ToList();
        var hash = contentHash ?? Hash(string.Join("|", nodes.Select(n => $"{n.GetType().Name}:{n.Id}").Concat(_flows.Select(f => f.Id))));
        return GraphWiring.Build(_key, _key, hash, nodes, _flows);
    }

    public static TimerTrigger Duration(TimeSpan time, int days = 0, bool workingDays = false) =>
        new(TimerKind.Duration, $"P{days}DT{time.TotalSeconds}S", workingDays) { Duration = new IsoDuration(days, time) };

    public static TimerTrigger WorkingDays(int days) => Duration(TimeSpan.Zero, days, workingDays: true);

    public static TimerTrigger At(DateTimeOffset date) => new(TimerKind.Date, date.ToString("O"), false) { Date = date };

    private ProcessBuilder Add(string id, Func<IReadOnlyDictionary<string, string>, ExecutableNode> create, bool connect = true)
    {
        _nodes.Add((id, create));
        if (connect && _cursor is not null)
        {
            Connect(id);
        }

        _cursor = id;
        return this;
    }

    private void Connect(string target)
    {
        var source = _cursor ?? throw new InvalidOperationException("No element to connect from; call Start or From first.");
        var flow = new SequenceFlow($"{source}->{target}", source, target, _nextCondition);
        _flows.Add(flow);
        if (_nextIsDefault)
        {
            _defaultFlows[source] = flow.Id;
        }

        _nextCondition = null;
        _nextIsDefault = false;
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
