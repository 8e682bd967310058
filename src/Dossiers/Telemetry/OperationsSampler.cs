using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Dossiers.Telemetry;

/// <summary>How often the office's state is read for the metrics (<c>Telemetry:SampleInterval</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}

public static class OperationsSamplerRegistration
{
    /// <summary>Reads the office's state for the metrics in this process (one host of an installation is enough).</summary>
    public static IServiceCollection AddOperationsSampler(this IServiceCollection services) => services.AddHostedService<OperationsSampler>();
}

/// <summary>
/// Reads the office's state for <see cref="DossierMetrics"/> every <see cref="TelemetryOptions.SampleInterval"/>: the
/// dossiers in progress past their appointment by unit (as Biểu 06 counts them), the outbox messages waiting, the open
/// incidents, and the wait of the oldest due timer. When the database cannot be read the figures are dropped (a scrape
/// then shows none) until it can.
/// </summary>
internal sealed partial class OperationsSampler(
    IServiceScopeFactory scopes, DossierMetrics metrics, TimeProvider time, IOptions<TelemetryOptions> options, ILogger<OperationsSampler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(options.Value.SampleInterval, time);
        do
        {
            try
            {
                metrics.Sampled(await SampleAsync(stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                metrics.Sampled(null);
                LogSampleFailed(logger, exception);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task<OperationsSample> SampleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var now = time.GetUtcNow();
        var overdue = await db.Set<Dossier>().AsNoTracking()
            .Where(d => d.AcceptedAt != null && d.ResolvedAt == null && d.ClosedAt == null && d.AppointmentAt < now)
            .GroupBy(d => d.ReceivingUnit)
            .Select(g => new { Unit = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Unit, g => g.Count, cancellationToken);
        var backlog = await db.Set<StoredOutboxMessage>().LongCountAsync(m => m.Status == OutboxStatus.Pending, cancellationToken);
        var incidents = await db.Set<StoredIncident>().LongCountAsync(i => i.Status == IncidentStatus.Open, cancellationToken);
        var oldestDue = await db.Set<StoredTimer>().Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefaultAsync(cancellationToken);
        return new OperationsSample(now, overdue, backlog, incidents, oldestDue is { } due ? (now - due).TotalSeconds : 0);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "The office's state could not be read for the metrics; trying again at the next sample")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
