using System.Xml.Linq;
using DossierWorkflow.Engine.Definitions.Compilation;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Testing;
using DossierWorkflow.Engine.Tests.Support;
using static DossierWorkflow.Engine.Definitions.DefinitionProblemCodes;

namespace DossierWorkflow.Engine.Tests.Definitions;

/// <summary>
/// The reference models of the BPMN Model Interchange Working Group's test suite, in <c>Definitions/Miwg</c> (its README
/// says where they come from and what was changed). Each adapted model compiles, deploys on the in-memory engine and runs
/// to its end; the models left out are kept as published in <c>Miwg/Refused</c> and are refused cleanly, with problems
/// that each name one of their elements.
/// </summary>
public sealed class MiwgReferenceTests
{
    private const string Folder = "Miwg";
    private const int MaxRounds = 200;
    private static readonly string RefusedFolder = Path.Combine(Folder, "Refused");
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>The suite's <c>Reference/*.bpmn</c>.</summary>
    private static readonly string[] ReferenceModels =
    [
        "A.1.0", "A.2.0", "A.2.1", "A.3.0", "A.4.0", "A.4.1", "B.1.0", "B.2.0", "C.1.0", "C.1.1", "C.2.0",
        "C.3.0", "C.4.0", "C.5.0", "C.6.0", "C.7.0", "C.8.0", "C.8.1", "C.9.0", "C.9.1", "C.9.2",
    ];

    private readonly BpmnDefinitionCompiler _compiler = BpmnDefinitionCompiler.WithoutHandlerCheck();

    public static TheoryData<string> AdaptedFiles => DefinitionFolder.FileNames(Folder);

    public static TheoryData<string> RefusedFiles => DefinitionFolder.FileNames(RefusedFolder);

    [Fact]
    public void Every_reference_model_of_the_suite_is_either_adapted_or_left_out()
    {
        var adapted = ModelNames(Folder);
        var refused = ModelNames(RefusedFolder);

        Assert.Empty(adapted.Intersect(refused));
        Assert.Equal(ReferenceModels, adapted.Concat(refused).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AdaptedFiles))]
    public void An_adapted_model_compiles_without_problems(string fileName)
    {
        var compilation = _compiler.Compile(DefinitionFolder.Read(Folder, fileName));

        Assert.Empty(compilation.Problems);
        Assert.True(compilation.IsValid);
        Assert.Single(compilation.Definition!.StartNodes);
    }

    [Theory]
    [MemberData(nameof(AdaptedFiles))]
    public async Task An_adapted_model_deploys_and_runs_to_its_end(string fileName)
    {
        await DeployAndRunToEndAsync(fileName, task => task.Outcomes.IsDefaultOrEmpty ? null : task.Outcomes[0]);
    }

    /// <summary>
    /// The other branches: each task takes the last outcome it offers the first time it is reached, and the first one after
    /// that, so that a loop back to it (e.g. C.2.0's "continue shopping") is taken once and then left.
    /// </summary>
    [Theory]
    [MemberData(nameof(AdaptedFiles))]
    public async Task An_adapted_model_also_runs_to_its_end_along_the_last_outcomes(string fileName)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        await DeployAndRunToEndAsync(fileName, task =>
            task.Outcomes.IsDefaultOrEmpty ? null : visited.Add(task.ElementId) ? task.Outcomes[^1] : task.Outcomes[0]);
    }

    /// <summary>
    /// C.9.1 when the answer never comes: the non-interrupting cycle <c>R6/P1D</c> on the receive task sends a reminder each
    /// day, six times, and after a week the interrupting timer has the customer called.
    /// </summary>
    [Fact]
    public async Task Without_an_answer_C_9_1_sends_six_daily_reminders_then_has_the_customer_called()
    {
        var definition = _compiler.Compile(DefinitionFolder.Read(Folder, "C.9.1.bpmn")).GetDefinitionOrThrow();
        var email = new ScriptedHandler("email");
        var host = new EngineHost(new InMemoryWorkflowStore(), new FakeTimeProvider(), [email]);
        var instanceId = await host.StartAsync(definition, "MIWG-C.9.1-no-answer");
        Assert.Equal(["ReceiveTask_WaitForDocument"], (await host.Engine.GetPositionAsync(instanceId)).ActiveElementIds);

        for (var day = 1; day <= 6; day++)
        {
            host.Clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal(1, await host.Engine.FireDueTimersAsync());
        }

        Assert.Equal(1 + 6, email.Calls);
        Assert.Equal(["ReceiveTask_WaitForDocument"], (await host.Engine.GetPositionAsync(instanceId)).ActiveElementIds);
        host.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await host.Engine.FireDueTimersAsync());
        var call = await host.OpenTaskAsync(instanceId, "UserTask_CallCustomer");
        Assert.Equal("specialist", call.CandidateRole);

        var ended = await host.Engine.CompleteWorkItemAsync(new CompleteWorkItem(call.Id) { Actor = "specialist" });

        Assert.Equal(InstanceStatus.Completed, ended.Status);
        Assert.Equal(1 + 6, email.Calls);
    }

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public void A_model_left_out_is_refused_with_problems_that_each_name_one_of_its_elements(string fileName)
    {
        var xml = DefinitionFolder.Read(RefusedFolder, fileName);

        var compilation = _compiler.Compile(xml);

        Assert.False(compilation.IsValid);
        Assert.Null(compilation.Definition);
        Assert.NotEmpty(compilation.Problems);
        var ids = XDocument.Parse(xml).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.All(compilation.Problems, p =>
        {
            Assert.Contains(p.ElementId, ids);
            Assert.False(string.IsNullOrWhiteSpace(p.Message));
        });
    }

    /// <summary>
    /// The reason the README gives for leaving a model out is a construct the compiler refuses, at that element. A file of
    /// several pools is compiled with the pool named marked as its executable process.
    /// </summary>
    [Theory]
    [InlineData("A.2.1.bpmn", null, "_To9Z7TOCEeSknpIVFCxNIQ", ConditionNotEvaluated)]
    [InlineData("A.2.1.bpmn", null, "_To9Z8zOCEeSknpIVFCxNIQ", ConditionNotEvaluated)]
    [InlineData("B.1.0.bpmn", "WFP-6-1", "_e314751e-5c3a-41f2-a1ae-4cb99efa0916", UnsupportedEventDefinition)]
    [InlineData("B.1.0.bpmn", "WFP-6-2", "_a38484e2-7bdb-48b1-b62e-139d51d6a147", UnsupportedEventDefinition)]
    [InlineData("B.2.0.bpmn", "Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450", "_cba8fbed-2bb6-40a9-8ac5-83e827ce9d9f", UnsupportedEventDefinition)]
    [InlineData("B.2.0.bpmn", "WFP-6-1", "_4e71bf73-1719-401e-a9a2-85dc89fc1150", UnsupportedEventDefinition)]
    [InlineData("B.2.0.bpmn", "WFP-6-1", "_c9cb2415-6a2e-49d6-84b9-27babcde4088", UnsupportedEventDefinition)]
    [InlineData("B.2.0.bpmn", "WFP-6-1", "_b9343536-6490-4559-8365-71d5c4cbb7cb", UnsupportedElement)]
    [InlineData("B.2.0.bpmn", "WFP-6-2", "_a38484e2-7bdb-48b1-b62e-139d51d6a147", UnsupportedEventDefinition)]
    [InlineData("B.2.0.bpmn", "WFP-6-2", "_25beeb17-acc3-4cca-9590-f1cd2f353434", UnsupportedEventDefinition)]
    [InlineData("B.2.0.bpmn", "WFP-6-2", "_4f5e6e50-d9d0-4f97-959a-d1b8e1e32788", UnsupportedEventDefinition)]
    [InlineData("B.2.0.bpmn", "WFP-6-2", "_68ca1f8b-5028-4079-9e35-619b529f4d71", UnsupportedEventDefinition)]
    [InlineData("C.1.0.bpmn", null, "StartEvent_1", UnsupportedEventDefinition)]
    [InlineData("C.3.0.bpmn", null, "_cc9778bd-edd8-4df2-ba15-56c310f90e62", UnsupportedEventDefinition)]
    [InlineData("C.6.0.bpmn", null, "_44e3f1fa-42cd-40b7-9980-a51ac49d5fa3", UnsupportedEventDefinition)]
    [InlineData("C.6.0.bpmn", null, "_b25ecc7c-4eff-4a70-96f2-6b2f94cf19b1", UnsupportedEventDefinition)]
    [InlineData("C.6.0.bpmn", null, "_8af17ed4-6e13-463b-8333-d397b3002c65", UnsupportedEventDefinition)]
    [InlineData("C.7.0.bpmn", null, "_eae674ce-4d6e-48ac-819c-c79e0868e40d", UnsupportedElement)]
    [InlineData("C.7.0.bpmn", null, "_a36ddf2f-23c1-46c5-86d4-bd2a0eb42535", MultiInstanceInvalid)]
    [InlineData("C.8.0.bpmn", null, "_1a818a94-ba6f-413b-a7e8-6f8fd2a11e32", UnsupportedElement)]
    [InlineData("C.8.1.bpmn", null, "_1a818a94-ba6f-413b-a7e8-6f8fd2a11e32", UnsupportedElement)]
    [InlineData("C.9.0.bpmn", null, "BusinessRuleTask_CheckApplicationAutomatically", UnsupportedElement)]
    [InlineData("C.9.0.bpmn", null, "StartErrorEvent_Timeout", UnsupportedEventDefinition)]
    public void What_a_model_is_left_out_for_is_refused_at_its_element(string fileName, string? processId, string elementId, string code)
    {
        var xml = DefinitionFolder.Read(RefusedFolder, fileName);

        var problems = _compiler.Compile(processId is null ? xml : WithExecutableProcess(XDocument.Parse(xml), processId)).Problems;

        Assert.Contains(problems, p => p.ElementId == elementId && p.Code == code);
    }

    /// <summary>
    /// Deploys the model (after the models its call activities start) with a succeeding handler for each <c>dw:handler</c>,
    /// starts it for a dossier and runs it to its end, completing each task with the outcome <paramref name="chooseOutcome"/>
    /// picks.
    /// </summary>
    private async Task DeployAndRunToEndAsync(string fileName, Func<WorkItem, string?> chooseOutcome)
    {
        var xml = DefinitionFolder.Read(Folder, fileName);
        var definition = _compiler.Compile(xml).GetDefinitionOrThrow();
        var called = CalledDefinitions(definition);
        var host = new EngineHost(new InMemoryWorkflowStore(), new FakeTimeProvider(), HandlersFor([definition, .. called]));
        foreach (var callee in called)
        {
            await host.Engine.DeployAsync(callee);
        }

        await host.Engine.DeployAsync(definition, xml);
        var businessKey = $"MIWG-{Path.GetFileNameWithoutExtension(fileName)}";
        var started = await host.Engine.StartAsync(new StartInstance(definition.Key) { BusinessKey = businessKey, Actor = "reception" });

        var ended = await RunToEndAsync(host, started.InstanceId, chooseOutcome);

        Assert.True(
            ended.Status is InstanceStatus.Completed or InstanceStatus.Terminated,
            $"{fileName} is {ended.Status} at {string.Join(", ", ended.ActiveElementIds)} after {MaxRounds} rounds or with nothing left to do.");
        Assert.Empty(await host.Engine.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = businessKey }));
    }

    /// <summary>
    /// Drives an instance, and the instances its call activities started, until it ends, one <see cref="StepAsync"/> at a
    /// time. Returns the position when the instance has ended, when nothing is left to do, or after <see cref="MaxRounds"/>.
    /// </summary>
    private static async Task<InstancePosition> RunToEndAsync(EngineHost host, Guid instanceId, Func<WorkItem, string?> chooseOutcome)
    {
        var position = await host.Engine.GetPositionAsync(instanceId);
        for (var round = 0; round < MaxRounds && position.Status == InstanceStatus.Running; round++)
        {
            if (!await StepAsync(host, instanceId, chooseOutcome))
            {
                break;
            }

            position = await host.Engine.GetPositionAsync(instanceId);
        }

        return position;
    }

    /// <summary>
    /// Does the first thing that can happen, in this order: complete an open task (with the outcome chosen), deliver the
    /// outbox, deliver the message or broadcast the signal a step in the flow waits for (a catch event, a receive task), move
    /// the clock to the next timer and fire it, and last the message or signal only a boundary event or an event
    /// sub-process waits for. False when nothing can happen.
    /// </summary>
    private static async Task<bool> StepAsync(EngineHost host, Guid instanceId, Func<WorkItem, string?> chooseOutcome)
    {
        var engine = host.Engine;
        var instances = await RunningInstancesAsync(host, instanceId);
        var incidents = instances.SelectMany(i => i.OpenIncidents).ToList();
        Assert.True(incidents.Count == 0, $"Open incidents: {string.Join("; ", incidents.Select(i => $"{i.ElementId} ({i.Kind}): {i.Message}"))}");

        if (instances.SelectMany(i => i.OpenWorkItems).OrderBy(w => w.CreatedAt).FirstOrDefault() is { } open)
        {
            var task = await engine.GetWorkItemAsync(open.Id);
            await engine.CompleteWorkItemAsync(new CompleteWorkItem(task.Id) { Outcome = chooseOutcome(task), Actor = "specialist" });
            return true;
        }

        if (await engine.DeliverOutboxAsync() > 0)
        {
            return true;
        }

        var waits = await WaitsAsync(engine, instances);
        if (waits.FirstOrDefault(w => w.InFlow) is { } inFlow)
        {
            await DeliverAsync(engine, inFlow.Subscription);
            return true;
        }

        if (instances.SelectMany(i => i.Timers).MinBy(t => t.DueAt) is { } timer)
        {
            if (timer.DueAt > host.Clock.GetUtcNow())
            {
                host.Clock.SetTo(timer.DueAt);
            }

            Assert.True(await engine.FireDueTimersAsync() > 0, $"The timer of {timer.ElementId} due at {timer.DueAt:O} did not fire.");
            return true;
        }

        if (waits.FirstOrDefault() is { } aside)
        {
            await DeliverAsync(engine, aside.Subscription);
            return true;
        }

        return false;
    }

    /// <summary>The instance and the running instances its call activities started, however deep, with their active rows.</summary>
    private static async Task<List<StoredInstanceState>> RunningInstancesAsync(EngineHost host, Guid instanceId)
    {
        var states = new List<StoredInstanceState>();
        var pending = new Queue<Guid>([instanceId]);
        while (pending.TryDequeue(out var id))
        {
            await using (var transaction = await host.Store.BeginAsync())
            {
                if (await transaction.LoadInstanceAsync(id) is { Instance.Status: InstanceStatus.Running } state)
                {
                    states.Add(state);
                }
            }

            foreach (var called in await host.Engine.GetCalledInstancesAsync(id))
            {
                if (called.Status == InstanceStatus.Running)
                {
                    pending.Enqueue(called.InstanceId);
                }
            }
        }

        return states;
    }

    /// <summary>
    /// What the instances wait for, each marked whether a step in the flow waits for it (rather than a boundary event or an
    /// event sub-process).
    /// </summary>
    private static async Task<List<Wait>> WaitsAsync(IWorkflowEngine engine, IEnumerable<StoredInstanceState> instances)
    {
        var waits = new List<Wait>();
        foreach (var instance in instances)
        {
            var definition = await engine.GetDefinitionAsync(instance.Instance.DefinitionKey, instance.Instance.DefinitionVersion);
            waits.AddRange(instance.MessageSubscriptions.Select(s =>
                new Wait(s, definition.Nodes.GetValueOrDefault(s.ElementId) is IntermediateCatchEventNode or ReceiveTaskNode)));
        }

        return waits;
    }

    private static async Task DeliverAsync(IWorkflowEngine engine, StoredMessageSubscription wait)
    {
        if (wait.IsSignal)
        {
            var broadcast = await engine.BroadcastSignalAsync(wait.MessageName, actor: "miwg");
            Assert.NotEmpty(broadcast.InstanceIds);
        }
        else
        {
            var delivery = await engine.DeliverMessageAsync(wait.MessageName, wait.CorrelationKey, actor: "miwg");
            Assert.True(delivery.Delivered, $"The message {wait.MessageName} ({wait.CorrelationKey}) {wait.ElementId} waits for reached no instance.");
        }
    }

    /// <summary>
    /// The definitions the call activities of <paramref name="caller"/> start, each after those it calls itself: the process
    /// of that id in one of the adapted files, marked as its file's executable process (C.5.0 calls the second process of
    /// its own file; C.9.2 calls the process of C.9.1).
    /// </summary>
    private List<ExecutableDefinition> CalledDefinitions(ExecutableDefinition caller)
    {
        var found = new List<ExecutableDefinition>();
        Collect(caller);
        return found;

        void Collect(ExecutableDefinition definition)
        {
            foreach (var key in definition.Nodes.Values.OfType<CallActivityNode>().Select(c => c.Called.Key).Distinct(StringComparer.Ordinal))
            {
                if (key != caller.Key && found.TrueForAll(d => d.Key != key))
                {
                    var called = _compiler.Compile(ProcessXml(key)).GetDefinitionOrThrow();
                    Collect(called);
                    found.Add(called);
                }
            }
        }
    }

    private static string ProcessXml(string processId)
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Definitions", Folder), "*.bpmn")
            .Select(path => XDocument.Parse(File.ReadAllText(path)))
            .Where(document => document.Root!.Elements(Bpmn + "process").Any(p => (string?)p.Attribute("id") == processId));
        return WithExecutableProcess(Assert.Single(files), processId);
    }

    /// <summary>The document with <paramref name="processId"/> as its one executable process.</summary>
    private static string WithExecutableProcess(XDocument document, string processId)
    {
        foreach (var process in document.Root!.Elements(Bpmn + "process"))
        {
            process.SetAttributeValue("isExecutable", (string?)process.Attribute("id") == processId ? "true" : "false");
        }

        return document.ToString();
    }

    /// <summary>An in-transaction handler that succeeds for every <c>dw:handler</c> the definitions name.</summary>
    private static List<IServiceTaskHandler> HandlersFor(IEnumerable<ExecutableDefinition> definitions) =>
    [
        .. definitions.SelectMany(d => d.Nodes.Values.OfType<HandlerStepNode>()).Select(n => n.Handler)
            .Distinct(StringComparer.Ordinal).Select(name => new ScriptedHandler(name)),
    ];

    private static string[] ModelNames(string folder) =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Definitions", folder), "*.bpmn").Select(p => Path.GetFileNameWithoutExtension(p))];

    private sealed record Wait(StoredMessageSubscription Subscription, bool InFlow);
}
