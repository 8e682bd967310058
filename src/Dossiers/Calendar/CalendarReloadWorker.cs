using System.ComponentModel.DataAnnotations;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>
/// Reads the calendar overrides again every <see cref="CalendarOptions.ReloadInterval"/>: the instance where an administrator
/// changes the calendar reloads at once, the other instances of the app on the same database within this interval.
/// </summary>
internal sealed class CalendarReloadWorker(
    IServiceScopeFactory scopes,
    CurrentWorkingCalendar calendar,
    TimeProvider time,
    IOptions<CalendarOptions> options,
    ILogger<CalendarReloadWorker> logger) : BackgroundService
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
                await calendar.ReloadAsync(scope.ServiceProvider.GetRequiredService<DossiersDbContext>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The calendar in force stays as it was; the next tick tries again.
                logger.LogWarning(e, "Reloading the working calendar failed");
            }
        }
    }
}

/// <summary>The <c>Calendar</c> section.</summary>
public sealed class CalendarOptions
{
    public const string SectionName = "Calendar";

    /// <summary>How often every instance re-reads the administrator's calendar decisions.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Calendar:ReloadInterval must be between 1 second and 1 day.")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromMinutes(5);
}
