using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Persistence;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Testing.Scenarios.ServiceTasks;

internal static class Workflows
{
    public static ExecutableDefinition IssueForm(string handler = "issue-form") => Process("issue-" + handler)
        .Start().ServiceTask("issue", handler, ("form", "01")).UserTask("hand-over").End()
        .Build();

    public static ExecutableDefinition NotifyThenReview() => Process("notify")
        .Start().ServiceTask("notify-citizen", "sms", ("template", "received")).UserTask("review").End()
        .Build();
}

public abstract class ServiceTaskScenarios : ScenarioTest
{
    private readonly ScriptedHandler _issueForm = new("issue-form");
    private readonly RecordingExternalHandler _sms = new("sms");

    protected override IEnumerable<IServiceTaskHandler> Handlers => [_issueForm];

    protected override IEnumerable<IExternalTaskHandler> ExternalHandlers => [_sms];

    [Fact]
    public async Task An_in_transaction_handler_runs_inside_the_command_and_sets_variables()
    {
        var instanceId = await Host.StartAsync(Workflows.IssueForm());

        var position = await Engine.GetPositionAsync(instanceId);

        Assert.Equal(["hand-over"], position.ActiveElementIds);
        Assert.True(position.Variables["issue-formDone"]!.GetValue<bool>());
        Assert.Contains(JournalEntryKind.ServiceTaskExecuted, await Host.JournalKindsAsync(instanceId));
    }

    [Fact]
    public async Task A_failing_handler_raises_an_incident_keeps_the_token_and_still_commits()
    {
        _issueForm.FailuresLeft = 1;

        var instanceId = await Host.StartAsync(Workflows.IssueForm());

        var position = await Engine.GetPositionAsync(instanceId);
        var incident = Assert.Single(position.OpenIncidents);
        Assert.Equal((InstanceStatus.Running, "issue"), (position.Status, Assert.Single(position.ActiveElementIds)));
        Assert.Equal((IncidentKind.HandlerFailed, 1), (incident.Kind, incident.Attempts));
        Assert.Contains("the form service is down", incident.Message);
        Assert.Equal(Clock.GetUtcNow().AddMinutes(1), incident.NextRetryAt);
        Assert.Equal(JournalEntryKind.IncidentRaised, (await Host.JournalKindsAsync(instanceId))[^1]);
    }

    [Fact]
    public async Task Retrying_an_incident_reruns_the_step_counts_attempts_and_resolves_it_once_the_handler_succeeds()
    {
        _issueForm.FailuresLeft = 2;
        var instanceId = await Host.StartAsync(Workflows.IssueForm());
        var incidentId = Assert.Single((await Engine.GetPositionAsync(instanceId)).OpenIncidents).Id;

        var stillFailing = await Engine.RetryIncidentAsync(incidentId, actor: "admin");
        var recovered = await Engine.RetryIncidentAsync(incidentId, actor: "admin");

        var again = Assert.Single(stillFailing.OpenIncidents);
        Assert.Equal((incidentId, 2), (again.Id, again.Attempts));
        Assert.Equal(Clock.GetUtcNow().AddMinutes(2), again.NextRetryAt);
        Assert.Empty(recovered.OpenIncidents);
        Assert.Equal(["hand-over"], recovered.ActiveElementIds);
        Assert.Equal(3, recovered.Variables["attempt"]!.GetValue<int>());
        var resolved = Assert.Single(await Engine.QueryIncidentsAsync(new IncidentFilter { Status = IncidentStatus.Resolved }));
        Assert.Equal("admin", resolved.ResolvedBy);
        var kinds = await Host.JournalKindsAsync(instanceId);
        Assert.Equal(2, kinds.Count(k => k == JournalEntryKind.IncidentRetried));
        Assert.Single(kinds, JournalEntryKind.IncidentResolved);
    }

    [Fact]
    public async Task Incidents_are_retried_automatically_after_their_backoff()
    {
        _issueForm.FailuresLeft = 1;
        var instanceId = await Host.StartAsync(Workflows.IssueForm());

        var beforeBackoff = await Engine.RetryDueIncidentsAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        var afterBackoff = await Engine.RetryDueIncidentsAsync();

        Assert.Equal((0, 1), (beforeBackoff, afterBackoff));
        Assert.Equal(["hand-over"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
    }

    [Fact]
    public async Task A_missing_handler_raises_an_incident_that_an_operator_can_resolve_by_hand()
    {
        var instanceId = await Host.StartAsync(Workflows.IssueForm(handler: "sign-digitally"));
        var incident = Assert.Single((await Engine.GetPositionAsync(instanceId)).OpenIncidents);

        var position = await Engine.ResolveIncidentAsync(incident.Id, "signed on paper", actor: "admin");

        Assert.Equal(IncidentKind.HandlerMissing, incident.Kind);
        Assert.Contains("sign-digitally", incident.Message);
        Assert.Equal(["hand-over"], position.ActiveElementIds);
        var resolvedEntry = Assert.Single(await Engine.GetJournalAsync(instanceId), e => e.Kind == JournalEntryKind.IncidentResolved);
        Assert.Equal(("signed on paper", "admin"), (resolvedEntry.Comment, resolvedEntry.Actor));
    }

    [Fact]
    public async Task A_gateway_incident_cannot_be_resolved_by_hand()
    {
        var definition = Process("stuck").Start().ExclusiveGateway("g").When(TestCondition.IsTrue("never")).End().Build();
        var instanceId = await Host.StartAsync(definition);
        var incident = Assert.Single((await Engine.GetPositionAsync(instanceId)).OpenIncidents);

        var error = await Assert.ThrowsAsync<IncidentNotResolvableException>(() => Engine.ResolveIncidentAsync(incident.Id));

        Assert.Equal("incident-not-resolvable", error.Code);
    }

    [Fact]
    public async Task An_external_handler_is_queued_in_the_outbox_and_the_instance_continues_at_once()
    {
        var instanceId = await Host.StartAsync(Workflows.NotifyThenReview(), businessKey: "H12-0007");

        var position = await Engine.GetPositionAsync(instanceId);
        var delivered = await Engine.DeliverOutboxAsync();
        var redelivered = await Engine.DeliverOutboxAsync();

        Assert.Equal(["review"], position.ActiveElementIds);
        Assert.Equal((1, 0), (delivered, redelivered));
        var message = Assert.Single(_sms.Deliveries);
        Assert.Equal(("H12-0007", "received", 1), (message.BusinessKey, message.Parameters["template"], message.Attempt));
        Assert.Contains(JournalEntryKind.OutboxMessageQueued, await Host.JournalKindsAsync(instanceId));
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_backoff_under_the_same_idempotency_key()
    {
        _sms.FailuresLeft = 1;
        await Host.StartAsync(Workflows.NotifyThenReview());

        var firstAttempt = await Engine.DeliverOutboxAsync();
        var tooEarly = await Engine.DeliverOutboxAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        var secondAttempt = await Engine.DeliverOutboxAsync();

        Assert.Equal((0, 0, 1), (firstAttempt, tooEarly, secondAttempt));
        Assert.Equal(2, Assert.Single(_sms.Deliveries).Attempt);
        Assert.Equal([1, 2], _sms.Attempts.Select(a => a.Attempt));
        Assert.Single(_sms.Attempts.Select(a => a.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task A_message_leased_by_a_worker_that_died_is_delivered_again_with_the_same_idempotency_key()
    {
        await Host.StartAsync(Workflows.NotifyThenReview());
        var now = Clock.GetUtcNow();
        var leased = Assert.Single(await Host.Store.ClaimDueOutboxMessagesAsync(now, 10, "crashed-worker", now.AddMinutes(2)));

        var whileLeased = await Engine.DeliverOutboxAsync();
        Clock.Advance(TimeSpan.FromMinutes(3));
        var afterLease = await Engine.DeliverOutboxAsync();

        Assert.Equal((0, 1), (whileLeased, afterLease));
        Assert.Equal(leased.IdempotencyKey, Assert.Single(_sms.Deliveries).IdempotencyKey);
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_becomes_an_incident_and_retrying_it_delivers_again()
    {
        _sms.FailuresLeft = int.MaxValue;
        var instanceId = await Host.StartAsync(Workflows.NotifyThenReview());
        for (var attempt = 0; attempt < 8; attempt++)
        {
            await Engine.DeliverOutboxAsync();
            Clock.Advance(TimeSpan.FromHours(1));
        }

        var incident = Assert.Single((await Engine.GetPositionAsync(instanceId)).OpenIncidents);
        _sms.FailuresLeft = 0;
        var retried = await Engine.RetryIncidentAsync(incident.Id, actor: "admin");
        var delivered = await Engine.DeliverOutboxAsync();

        Assert.Equal((IncidentKind.ExternalDeliveryFailed, "notify-citizen", 8), (incident.Kind, incident.ElementId, incident.Attempts));
        Assert.Contains("SMS gateway timed out", incident.Message);
        Assert.Empty(retried.OpenIncidents);
        Assert.Equal(1, delivered);
        Assert.Single(_sms.Deliveries);
    }
    [Fact]
    public async Task A_message_queued_from_outside_the_workflow_is_delivered_with_its_own_key_even_after_the_instance_ended()
    {
        var instanceId = await Host.StartAsync(Workflows.NotifyThenReview(), businessKey: "H12-0008");
        await Engine.DeliverOutboxAsync();
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "review")).Id));

        await Engine.QueueExternalMessageAsync(new QueueExternalMessage(instanceId, "sms", "dossier:returned", "H12-0008:returned")
        {
            Parameters = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("template", "returned"),
        });
        var delivered = await Engine.DeliverOutboxAsync();

        Assert.Equal(1, delivered);
        var message = _sms.Deliveries.Last();
        Assert.Equal(("H12-0008", "dossier:returned", "H12-0008:returned", "returned"), (message.BusinessKey, message.ElementId, message.IdempotencyKey, message.Parameters["template"]));
        Assert.Equal(2, (await Host.JournalKindsAsync(instanceId)).Count(k => k == JournalEntryKind.OutboxMessageQueued));
    }

    [Fact]
    public async Task Queuing_for_a_handler_nobody_registered_is_refused()
    {
        var instanceId = await Host.StartAsync(Workflows.NotifyThenReview());

        await Assert.ThrowsAsync<InvalidOperationException>(() => Engine.QueueExternalMessageAsync(new QueueExternalMessage(instanceId, "fax", "dossier:accepted", "x")));
    }
}
