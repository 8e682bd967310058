using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Testing.Scenarios.Versioning;

internal static class Workflows
{
    public static ExecutableDefinition Version1() => Process("land-use").Start().UserTask("review").End("done", result: "v1").Build("hash-1");

    public static ExecutableDefinition Version2() =>
        Process("land-use").Start().UserTask("review").UserTask("sign", role: "leader").End("done", result: "v2").Build("hash-2");

    /// <summary>Two checks in parallel, joined before the decision; version 2 renames the decision.</summary>
    public static ExecutableDefinition Checks(int version) => Process("checks")
        .Start()
        .ParallelGateway("fork")
        .UserTask("verify").ParallelGateway("join")
        .From("fork").UserTask("fee").ConnectTo("join")
        .UserTask(version == 1 ? "decide" : "decide-v2", role: "leader")
        .End("done", result: $"v{version}")
        .Build($"checks-{version}");

    /// <summary>
    /// A dossier the applicant may withdraw at any step — an interrupting event sub-process waiting for the message
    /// <paramref name="withdrawal"/> (none when null) — with, when <paramref name="reminder"/>, a reminder a day after the
    /// start (a non-interrupting timer event sub-process).
    /// </summary>
    public static ExecutableDefinition Withdrawable(string? withdrawal = "withdrawal", bool reminder = false) => BpmnText.Compile(
        "withdrawable-dossier",
        BpmnText.Chain("start", "work", "end") + $"""
            <startEvent id="start" />
            <userTask id="work" dw:role="specialist" />
            <endEvent id="end" dw:result="resolved" />
            {(withdrawal is null ? "" : $"""
                <subProcess id="on-withdrawal" triggeredByEvent="true">
                  <startEvent id="withdrawn"><messageEventDefinition messageRef="Withdraw" /></startEvent>
                  <userTask id="close" dw:role="reception" />
                  <endEvent id="closed" dw:result="withdrawn" />
                  {BpmnText.Chain("withdrawn", "close", "closed")}
                </subProcess>
                """)}
            {(reminder ? $"""
                <subProcess id="reminders" triggeredByEvent="true">
                  <startEvent id="after-a-day" isInterrupting="false"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></startEvent>
                  <endEvent id="reminder-end" />
                  {BpmnText.Flow("after-a-day", "reminder-end")}
                </subProcess>
                """ : "")}
            """,
        withdrawal is null ? "" : $"""<message id="Withdraw" name="{withdrawal}" />""");

    /// <summary>A reminder five days after the start (a non-interrupting timer event sub-process) while the work goes on; version 2 adds a signature.</summary>
    public static ExecutableDefinition Reminded(int version) => BpmnText.Compile(
        "reminded-dossier",
        (version == 1 ? BpmnText.Chain("start", "work", "end") : BpmnText.Chain("start", "work", "sign", "end")) + """
            <startEvent id="start" />
            <userTask id="work" dw:role="specialist" />
            <endEvent id="end" />
            """ + (version == 1 ? "" : """<userTask id="sign" dw:role="leader" />""") + """
            <subProcess id="reminders" triggeredByEvent="true">
              <startEvent id="after-five-days" isInterrupting="false"><timerEventDefinition><timeDuration>P5D</timeDuration></timerEventDefinition></startEvent>
              <intermediateThrowEvent id="reminded" />
              <endEvent id="reminder-end" />
            """ + BpmnText.Chain("after-five-days", "reminded", "reminder-end") + "</subProcess>");

    /// <summary>How <see cref="Handled"/> changes from version to version.</summary>
    public enum Handling
    {
        /// <summary>A daily reminder inside the sub-process (a non-interrupting cycle event sub-process of it).</summary>
        Reminders,

        /// <summary>Nothing but the work.</summary>
        Plain,

        /// <summary>A deadline of two days on the whole sub-process (a boundary timer), after which the leader chases it.</summary>
        Deadline,

        /// <summary>The sub-process done once per department (multi-instance).</summary>
        PerDepartment,
    }

    /// <summary>The work in a sub-process <c>handle</c>, with what <paramref name="handling"/> adds.</summary>
    public static ExecutableDefinition Handled(Handling handling) => BpmnText.Compile(
        "handled-dossier",
        BpmnText.Chain("start", "handle", "end") + $"""
            <startEvent id="start" />
            <subProcess id="handle">
              {(handling == Handling.PerDepartment ? """<multiInstanceLoopCharacteristics dw:collection="departments" dw:elementVariable="department" />""" : "")}
              <startEvent id="handle-start" />
              <userTask id="work" dw:role="specialist" />
              <endEvent id="handle-end" />
              {BpmnText.Chain("handle-start", "work", "handle-end")}
              {(handling == Handling.Reminders ? $"""
                <subProcess id="reminders" triggeredByEvent="true">
                  <startEvent id="every-day" isInterrupting="false"><timerEventDefinition><timeCycle>R3/P1D</timeCycle></timerEventDefinition></startEvent>
                  <endEvent id="reminder-end" />
                  {BpmnText.Flow("every-day", "reminder-end")}
                </subProcess>
                """ : "")}
            </subProcess>
            {(handling == Handling.Deadline ? $"""
                <boundaryEvent id="late" attachedToRef="handle"><timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition></boundaryEvent>
                <userTask id="chase" dw:role="leader" />
                <endEvent id="chased" />
                {BpmnText.Chain("late", "chase", "chased")}
                """ : "")}
            <endEvent id="end" />
            """);

    /// <summary>An opinion asked of each department (a multi-instance task in the department's queue); version 2 has the leader sign after.</summary>
    public static ExecutableDefinition Consultation(int version) => BpmnText.Compile(
        "consultation-dossier",
        (version == 1 ? BpmnText.Chain("start", "opinion", "end") : BpmnText.Chain("start", "opinion", "sign", "end")) + """
            <startEvent id="start" />
            <userTask id="opinion" dw:role="specialist" dw:unitScope="department:{department}">
              <multiInstanceLoopCharacteristics dw:collection="departments" dw:elementVariable="department" />
            </userTask>
            <endEvent id="end" />
            """ + (version == 1 ? "" : """<userTask id="sign" dw:role="leader" />"""));

    /// <summary>The review renamed to a check: an instance at the review has no step of the same id here.</summary>
    public static ExecutableDefinition Version3() =>
        Process("land-use").Start().UserTask("check").UserTask("sign", role: "leader").End("done", result: "v3").Build("hash-3");
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

    [Fact]
    public async Task A_running_instance_migrated_to_a_new_version_continues_on_it_from_the_same_step()
    {
        await Engine.DeployAsync(Workflows.Version1());
        var started = await Engine.StartAsync(new StartInstance("land-use"));
        await Engine.DeployAsync(Workflows.Version2());

        var migrated = await Engine.RelocateAsync(new RelocateInstance(started.InstanceId, "quantri", "the signature step was added") { ToVersion = 2 });
        var atSign = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(Assert.Single(migrated.OpenWorkItems).Id));
        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(Assert.Single(atSign.OpenWorkItems).Id));

        Assert.Equal((2, "review"), (migrated.DefinitionVersion, Assert.Single(migrated.OpenWorkItems).ElementId));
        Assert.NotEqual(Assert.Single(started.OpenWorkItems).Id, Assert.Single(migrated.OpenWorkItems).Id);
        Assert.Equal("sign", Assert.Single(atSign.OpenWorkItems).ElementId);
        Assert.Equal((InstanceStatus.Completed, "v2"), (done.Status, done.Result));
        var moved = Assert.Single(await Engine.GetJournalAsync(started.InstanceId), e => e.Kind == JournalEntryKind.TokenMoved);
        Assert.Equal(("review", "review@v1", "the signature step was added", "quantri"), (moved.ElementId, moved.Detail, moved.Comment, moved.Actor));
    }

    [Fact]
    public async Task A_migration_with_a_step_missing_in_the_target_is_refused_and_moves_nothing_unless_mapped()
    {
        await Engine.DeployAsync(Workflows.Version1());
        var started = await Engine.StartAsync(new StartInstance("land-use"));
        await Engine.DeployAsync(Workflows.Version2());
        await Engine.DeployAsync(Workflows.Version3());

        var refused = await Assert.ThrowsAsync<RelocationRefusedException>(() =>
            Engine.RelocateAsync(new RelocateInstance(started.InstanceId, "quantri", "renamed") { ToVersion = 3 }));
        var unchanged = await Engine.GetPositionAsync(started.InstanceId);
        var mapped = await Engine.RelocateAsync(new RelocateInstance(started.InstanceId, "quantri", "renamed")
        {
            ToVersion = 3,
            Moves = new Dictionary<string, string> { ["review"] = "check" },
        });

        Assert.Equal(["review"], refused.Elements);
        Assert.Equal((1, Assert.Single(started.OpenWorkItems).Id), (unchanged.DefinitionVersion, Assert.Single(unchanged.OpenWorkItems).Id));
        Assert.Equal((3, "check"), (mapped.DefinitionVersion, Assert.Single(mapped.OpenWorkItems).ElementId));
    }

    [Fact]
    public async Task Migrated_onto_a_version_without_an_event_sub_process_it_stops_listening_and_onto_one_with_it_it_starts()
    {
        var withdrawable = await Engine.DeployAsync(Workflows.Withdrawable());
        var migrating = await Engine.StartAsync(new StartInstance("withdrawable-dossier") { BusinessKey = "HS-1" });
        var plain = await Engine.DeployAsync(Workflows.Withdrawable(withdrawal: null));
        var other = await Engine.StartAsync(new StartInstance("withdrawable-dossier") { BusinessKey = "HS-2" });

        await Engine.RelocateAsync(new RelocateInstance(migrating.InstanceId, "quantri", "withdrawal removed") { ToVersion = plain.Version });
        await Engine.RelocateAsync(new RelocateInstance(other.InstanceId, "quantri", "withdrawal added") { ToVersion = withdrawable.Version });

        Assert.False((await Engine.DeliverMessageAsync("withdrawal", "HS-1")).Delivered);
        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(Assert.Single((await Engine.GetPositionAsync(migrating.InstanceId)).OpenWorkItems).Id));
        Assert.Equal((InstanceStatus.Completed, "resolved"), (done.Status, done.Result));
        Assert.Contains(await Engine.GetJournalAsync(migrating.InstanceId), e => e.Kind == JournalEntryKind.SubscriptionCancelled && e.ElementId == "withdrawn"
            && e.ElementName is not null && e.Detail == $"not in version {plain.Version}");

        Assert.True((await Engine.DeliverMessageAsync("withdrawal", "HS-2")).Delivered);
        Assert.Equal(["close", "on-withdrawal"], (await Engine.GetPositionAsync(other.InstanceId)).ActiveElementIds);
    }

    [Fact]
    public async Task A_sub_process_running_through_a_migration_stops_waiting_for_an_event_sub_process_the_target_dropped()
    {
        await Engine.DeployAsync(Workflows.Handled(Workflows.Handling.Reminders));
        var started = await Engine.StartAsync(new StartInstance("handled-dossier"));
        var plain = await Engine.DeployAsync(Workflows.Handled(Workflows.Handling.Plain));

        var migrated = await Engine.RelocateAsync(new RelocateInstance(started.InstanceId, "quantri", "no more reminders") { ToVersion = plain.Version });
        Clock.Advance(TimeSpan.FromDays(2));
        var fired = await Engine.FireDueTimersAsync();
        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(Assert.Single(migrated.OpenWorkItems).Id));

        Assert.Equal(["handle", "work"], migrated.ActiveElementIds.Order());
        Assert.Equal(0, fired);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains(await Engine.GetJournalAsync(started.InstanceId), e => e.Kind == JournalEntryKind.TimerCancelled && e.ElementId == "every-day"
            && e.Detail == $"not in version {plain.Version}");
    }

    [Fact]
    public async Task A_deadline_the_target_puts_on_a_sub_process_running_through_the_migration_is_armed()
    {
        await Engine.DeployAsync(Workflows.Handled(Workflows.Handling.Plain));
        var started = await Engine.StartAsync(new StartInstance("handled-dossier"));
        var withDeadline = await Engine.DeployAsync(Workflows.Handled(Workflows.Handling.Deadline));

        await Engine.RelocateAsync(new RelocateInstance(started.InstanceId, "quantri", "a deadline") { ToVersion = withDeadline.Version });
        Clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(1, await Engine.FireDueTimersAsync());
        Assert.Equal(["chase"], (await Engine.GetPositionAsync(started.InstanceId)).ActiveElementIds);
    }

    [Fact]
    public async Task A_sub_process_running_cannot_stay_through_a_migration_that_makes_it_a_loop()
    {
        await Engine.DeployAsync(Workflows.Handled(Workflows.Handling.Plain));
        var started = await Engine.StartAsync(new StartInstance("handled-dossier"));
        var perDepartment = await Engine.DeployAsync(Workflows.Handled(Workflows.Handling.PerDepartment));

        var refused = await Assert.ThrowsAsync<RelocationRefusedException>(() =>
            Engine.RelocateAsync(new RelocateInstance(started.InstanceId, "quantri", "per department") { ToVersion = perDepartment.Version }));

        Assert.Equal(["handle"], refused.Elements);
        Assert.NotEqual(perDepartment.Version, (await Engine.GetPositionAsync(started.InstanceId)).DefinitionVersion);
    }

    [Fact]
    public async Task A_withdrawal_renamed_in_the_target_is_waited_for_under_its_new_name()
    {
        await Engine.DeployAsync(Workflows.Withdrawable());
        var started = await Engine.StartAsync(new StartInstance("withdrawable-dossier") { BusinessKey = "HS-3" });
        var renamed = await Engine.DeployAsync(Workflows.Withdrawable("rut-ho-so"));

        await Engine.RelocateAsync(new RelocateInstance(started.InstanceId, "quantri", "message renamed") { ToVersion = renamed.Version });

        Assert.False((await Engine.DeliverMessageAsync("withdrawal", "HS-3")).Delivered);
        Assert.True((await Engine.DeliverMessageAsync("rut-ho-so", "HS-3")).Delivered);
        Assert.Equal(["close", "on-withdrawal"], (await Engine.GetPositionAsync(started.InstanceId)).ActiveElementIds);
    }

    [Fact]
    public async Task An_event_sub_process_the_target_adds_waits_for_nothing_while_an_interrupting_one_runs()
    {
        await Engine.DeployAsync(Workflows.Withdrawable());
        var withdrawn = await Engine.StartAsync(new StartInstance("withdrawable-dossier") { BusinessKey = "HS-4" });
        var working = await Engine.StartAsync(new StartInstance("withdrawable-dossier") { BusinessKey = "HS-5" });
        await Engine.DeliverMessageAsync("withdrawal", "HS-4");
        var reminded = await Engine.DeployAsync(Workflows.Withdrawable(reminder: true));

        await Engine.RelocateAsync(new RelocateInstance(withdrawn.InstanceId, "quantri", "a reminder") { ToVersion = reminded.Version });
        await Engine.RelocateAsync(new RelocateInstance(working.InstanceId, "quantri", "a reminder") { ToVersion = reminded.Version });
        Clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(1, await Engine.FireDueTimersAsync());
        Assert.DoesNotContain(await Engine.GetJournalAsync(withdrawn.InstanceId), e => e.Kind == JournalEntryKind.TimerScheduled);
        Assert.Contains(await Engine.GetJournalAsync(working.InstanceId), e => e.Kind == JournalEntryKind.TimerFired && e.ElementId == "after-a-day");
        Assert.Equal(["close", "on-withdrawal"], (await Engine.GetPositionAsync(withdrawn.InstanceId)).ActiveElementIds);
    }

    [Fact]
    public async Task Each_department_keeps_its_opinion_step_through_a_migration()
    {
        await Engine.DeployAsync(Workflows.Consultation(1));
        var started = await Engine.StartAsync(new StartInstance("consultation-dossier")
        {
            Variables = new System.Text.Json.Nodes.JsonObject { ["departments"] = new System.Text.Json.Nodes.JsonArray("TNMT", "XD") },
        });
        var second = await Engine.DeployAsync(Workflows.Consultation(2));

        var migrated = await Engine.RelocateAsync(new RelocateInstance(started.InstanceId, "quantri", "the leader signs") { ToVersion = second.Version });
        var afterOne = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(migrated.OpenWorkItems.Single(w => w.UnitScope == "department:XD").Id));
        var afterBoth = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(Assert.Single(afterOne.OpenWorkItems).Id));

        Assert.Equal(["department:TNMT", "department:XD"], started.OpenWorkItems.Select(w => w.UnitScope).Order());
        Assert.Equal(["department:TNMT", "department:XD"], migrated.OpenWorkItems.Select(w => w.UnitScope).Order());
        Assert.Equal("department:TNMT", Assert.Single(afterOne.OpenWorkItems).UnitScope);
        Assert.Equal("sign", Assert.Single(afterBoth.OpenWorkItems).ElementId);
    }

    [Fact]
    public async Task A_timer_event_sub_process_both_versions_have_keeps_its_due_time_through_a_migration()
    {
        await Engine.DeployAsync(Workflows.Reminded(1));
        var started = await Engine.StartAsync(new StartInstance("reminded-dossier"));
        var second = await Engine.DeployAsync(Workflows.Reminded(2));
        Clock.Advance(TimeSpan.FromDays(3));

        await Engine.RelocateAsync(new RelocateInstance(started.InstanceId, "quantri", "a signature added") { ToVersion = second.Version });
        var beforeDue = await Engine.FireDueTimersAsync();
        Clock.Advance(TimeSpan.FromDays(3));
        var afterDue = await Engine.FireDueTimersAsync();

        Assert.Equal((0, 1), (beforeDue, afterDue));
        var journal = await Engine.GetJournalAsync(started.InstanceId);
        Assert.Single(journal, e => e.Kind == JournalEntryKind.TimerScheduled && e.ElementId == "after-five-days");
        Assert.DoesNotContain(journal, e => e.Kind == JournalEntryKind.TimerCancelled);
        Assert.Contains(journal, e => e.ElementId == "reminded");
    }

    [Fact]
    public async Task A_step_moved_by_hand_is_repeated_or_skipped_on_the_same_version()
    {
        await Engine.DeployAsync(Workflows.Version2());
        var started = await Engine.StartAsync(new StartInstance("land-use"));
        var atSign = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(Assert.Single(started.OpenWorkItems).Id));

        var back = await Engine.RelocateAsync(new RelocateInstance(started.InstanceId, "quantri", "the review missed a document")
        {
            Moves = new Dictionary<string, string> { ["sign"] = "review" },
        });
        var again = await Engine.RelocateAsync(new RelocateInstance(started.InstanceId, "quantri", "start the review over")
        {
            Moves = new Dictionary<string, string> { ["review"] = "review" },
        });

        Assert.Equal(("review", 1), (Assert.Single(back.OpenWorkItems).ElementId, back.DefinitionVersion));
        Assert.NotEqual(Assert.Single(back.OpenWorkItems).Id, Assert.Single(again.OpenWorkItems).Id);
        var journal = await Engine.GetJournalAsync(started.InstanceId);
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.TaskCancelled && e.ElementId == "sign" && e.WorkItemId == Assert.Single(atSign.OpenWorkItems).Id);
        Assert.Equal(2, journal.Count(e => e.Kind == JournalEntryKind.TokenMoved));
    }

    [Fact]
    public async Task A_branch_waiting_at_a_join_stays_there_through_a_migration_and_the_join_still_completes()
    {
        await Engine.DeployAsync(Workflows.Checks(1));
        var started = await Engine.StartAsync(new StartInstance("checks"));
        var afterVerify = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(started.OpenWorkItems.Single(w => w.ElementId == "verify").Id));
        await Engine.DeployAsync(Workflows.Checks(2));

        var migrated = await Engine.RelocateAsync(new RelocateInstance(started.InstanceId, "quantri", "decision renamed") { ToVersion = 2 });
        var joined = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(migrated.OpenWorkItems.Single(w => w.ElementId == "fee").Id));

        Assert.Equal(["fee", "join"], afterVerify.ActiveElementIds);
        Assert.Equal(["fee", "join"], migrated.ActiveElementIds);
        Assert.Equal("decide-v2", Assert.Single(joined.OpenWorkItems).ElementId);
        Assert.Equal("v2", (await Engine.CompleteWorkItemAsync(new CompleteWorkItem(Assert.Single(joined.OpenWorkItems).Id))).Result);
    }
}
