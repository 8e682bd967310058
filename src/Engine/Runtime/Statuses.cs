namespace DossierWorkflow.Engine;

public enum InstanceStatus
{
    Running,
    Completed,
    Cancelled,
    Terminated,
}

public enum TokenStatus
{
    /// <summary>Moving through the graph (only inside a command).</summary>
    Active,

    /// <summary>Waiting on one or more bookmarks (work item, timer, message).</summary>
    Waiting,

    /// <summary>Arrived at a joining gateway and waiting for the other branches.</summary>
    Joining,

    /// <summary>Stopped by an open incident at its element.</summary>
    Failed,
}

public enum WorkItemStatus
{
    Open,
    Completed,
    Cancelled,
}

public enum IncidentKind
{
    HandlerFailed,
    HandlerMissing,
    NoMatchingFlow,
    Unsupported,
    ExternalDeliveryFailed,
    EvaluationFailed,

    /// <summary>An error end event threw an error that no error boundary event around it catches.</summary>
    UncaughtError,

    /// <summary>A call activity's instance could not start, or ended without completing (cancelled).</summary>
    CallFailed,
}

public enum IncidentStatus
{
    Open,
    Resolved,
}

public enum OutboxStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>What a journal line records. The legal process control sheet is read from the task entries.</summary>
public enum JournalEntryKind
{
    InstanceStarted,
    NodeEntered,
    NodeLeft,
    TaskCreated,
    TaskClaimed,
    TaskUnclaimed,
    TaskAssigned,
    TaskDelegated,
    TaskCompleted,
    TaskCancelled,
    TimerScheduled,
    TimerFired,
    TimerCancelled,
    MessageSubscribed,
    MessageReceived,
    ServiceTaskExecuted,
    OutboxMessageQueued,
    IncidentRaised,
    IncidentRetried,
    IncidentResolved,
    InstanceCompleted,
    InstanceCancelled,
    InstanceTerminated,

    /// <summary>A token was moved by an administrator (to another step, or onto another version): the detail says from where and why.</summary>
    TokenMoved,

    /// <summary>An error, escalation or signal was thrown at the element; the detail says which and where it was caught.</summary>
    EventThrown,

    /// <summary>A signal the instance waited for was broadcast: its element goes on.</summary>
    SignalReceived,

    /// <summary>A call activity started an instance of another definition (detail: its key and the instance's id).</summary>
    CallStarted,

    /// <summary>The instance a call activity started has ended (detail: its key and id, or the error it threw).</summary>
    CallEnded,

    /// <summary>A wait for a message or a signal ended without it: a migration took the instance onto a version without the element that waited.</summary>
    SubscriptionCancelled,
}
