using System.ComponentModel.DataAnnotations;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Organisation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Dossiers.Persistence;

/// <summary>
/// Reads the administrators' reference data that every instance keeps in memory — the calendar decisions and the unit
/// tree — again every <see cref="ReferenceDataOptions.ReloadInterval"/>: the instance where an administrator changes them
/// reloads at once, the other instances of the app on the same database within this interval.
/// </summary>
internal sealed class ReferenceDataReloadWorker(
    IServiceScopeFactory scopes,
    CurrentWorkingCalendar calendar,
    OrganisationUnits units,
    TimeProvider time,
    IOptions<ReferenceDataOptions> options,
    ILogger<ReferenceDataReloadWorker> logger) : BackgroundService
{
    private PeriodicTimer? _ticks;

    /// <summary>
    /// The interval counts from start-up: the timer exists before <see cref="ExecuteAsync"/> runs, which since .NET 10
    /// happens on a thread-pool thread some time after start.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _ticks = new PeriodicTimer(options.Value.ReloadInterval, time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _ticks?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ticks = _ticks ?? throw new InvalidOperationException("The worker was not started.");
        while (await ticks.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
                await units.ReloadAsync(db, stoppingToken);
                await calendar.ReloadAsync(db, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // What is in force stays as it was; the next tick tries again.
                logger.LogWarning(e, "Reloading the calendar and the unit tree failed");
            }
        }
    }
}

/// <summary>The <c>ReferenceData</c> section.</summary>
public sealed class ReferenceDataOptions
{
    public const string SectionName = "ReferenceData";

    /// <summary>How often every instance re-reads the calendar decisions and the unit tree.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "ReferenceData:ReloadInterval must be between 1 second and 1 day.")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromMinutes(5);
}
