namespace DossierWorkflow.Dossiers.Telemetry;

/// <summary>
/// What one action (one unit of work) did that the metrics count: recorded by the domain as it happens, added to
/// <see cref="DossierMetrics"/> only when the action's transaction committed, forgotten when it rolled back — a metric
/// never counts what did not happen. Scoped, like the unit of work.
/// </summary>
public sealed class ActionMeasurements(DossierMetrics metrics)
{
    private readonly List<Action<DossierMetrics>> _pending = [];

    /// <summary>A dossier was received through <paramref name="channel"/> at <paramref name="unit"/>.</summary>
    public void Received(Calendar.ReceptionChannel channel, string unit) =>
        _pending.Add(m => m.Received(channel.ToString().ToLowerInvariant(), unit));

    /// <summary>An officer of <paramref name="role"/> completed a step of a dossier of <paramref name="unit"/>.</summary>
    public void StepCompleted(string? role, string unit) =>
        _pending.Add(m => m.StepCompleted(role ?? "", unit));

    internal void Committed()
    {
        foreach (var count in _pending)
        {
            count(metrics);
        }

        _pending.Clear();
    }

    internal void RolledBack() => _pending.Clear();
}
