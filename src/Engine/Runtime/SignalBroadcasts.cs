namespace DossierWorkflow.Engine.Runtime;

/// <summary>
/// A signal a workflow throws (a signal throw or end event) reaches other instances after its command: the throw writes an
/// outbox message for the engine's own handler <see cref="HandlerName"/>, and delivering it broadcasts the signal
/// (<see cref="IWorkflowEngine.BroadcastSignalAsync"/>) to the instances that waited for it when it was thrown — in bounded
/// batches, each instance in its own command. At least once, like every outbox message: a repeated delivery finds the
/// waits it already resumed gone, and waits that began after the throw are never reached.
/// </summary>
public static class SignalBroadcasts
{
    public const string HandlerName = "engine.signal";
    public const string SignalParameter = "signal";
    public const string ThrownAtParameter = "thrownAt";
}
