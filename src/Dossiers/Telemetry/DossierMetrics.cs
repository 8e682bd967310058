using System.Diagnostics.Metrics;

namespace DossierWorkflow.Dossiers.Telemetry;

/// <summary>
/// The domain's own metrics, on the meter <see cref="MeterName"/>: what this instance committed (dossiers received,
/// steps completed — counted once their transaction committed, see <see cref="ActionMeasurements"/>), and the office's
/// state as the database shows it (overdue dossiers by unit, the outbox's backlog, open incidents, how late the timers
/// are), sampled by <see cref="OperationsSampler"/>. Every instance reports the same state: take the maximum across
/// instances, and the sum of the counters.
/// </summary>
public sealed class DossierMetrics : IDisposable
{
    public const string MeterName = "DossierWorkflow";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _stepsCompleted;
    private OperationsSample? _sample;

    public DossierMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _received = _meter.CreateCounter<long>("dossierworkflow.dossiers.received", "{dossier}", "Dossiers received (at the counter, by post or online)");
        _stepsCompleted = _meter.CreateCounter<long>("dossierworkflow.steps.completed", "{step}", "Workflow steps completed by officers");
        _meter.CreateObservableGauge(
            "dossierworkflow.dossiers.overdue",
            () => _sample?.OverdueByUnit.Select(u => new Measurement<long>(u.Value, new KeyValuePair<string, object?>("unit", u.Key))) ?? [],
            "{dossier}",
            "Dossiers in progress past their appointment, by receiving unit");
        _meter.CreateObservableGauge("dossierworkflow.outbox.backlog", () => Sampled(s => s.OutboxBacklog), "{message}", "Outbox messages waiting to be delivered");
        _meter.CreateObservableGauge("dossierworkflow.incidents.open", () => Sampled(s => s.OpenIncidents), "{incident}", "Incidents waiting for an administrator");
        _meter.CreateObservableGauge("dossierworkflow.timers.lag", () => Sampled(s => s.TimerLagSeconds), "s", "How long the oldest due timer has waited to fire (0: none waiting)");
    }

    /// <summary>When the state was last read from the database, or null before the first sample.</summary>
    public DateTimeOffset? SampledAt => _sample?.At;

    internal void Received(string channel, string unit) =>
        _received.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("unit", unit));

    internal void StepCompleted(string role, string unit) =>
        _stepsCompleted.Add(1, new KeyValuePair<string, object?>("role", role), new KeyValuePair<string, object?>("unit", unit));

    /// <summary>The office's state as last read; null forgets it (the database could not be read: no stale figures).</summary>
    internal void Sampled(OperationsSample? sample) => _sample = sample;

    private IEnumerable<Measurement<T>> Sampled<T>(Func<OperationsSample, T> figure)
        where T : struct =>
        _sample is { } sample ? [new Measurement<T>(figure(sample))] : [];

    public void Dispose() => _meter.Dispose();
}

/// <summary>The office's state read from the database at <paramref name="At"/>.</summary>
internal sealed record OperationsSample(DateTimeOffset At, IReadOnlyDictionary<string, long> OverdueByUnit, long OutboxBacklog, long OpenIncidents, double TimerLagSeconds);
