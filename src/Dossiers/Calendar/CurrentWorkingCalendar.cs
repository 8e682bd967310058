using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine.Timers;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>
/// The working calendar in force: the default rules plus the administrator's overrides stored in <c>CalendarDays</c>.
/// A singleton; the calendar is rebuilt (immutable) whenever the overrides are reloaded, so readers never lock.
/// It is the engine's <see cref="IWorkingCalendar"/>.
/// </summary>
public sealed class CurrentWorkingCalendar : IWorkingCalendar
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile VietnameseWorkingCalendar _calendar = new([]);

    public VietnameseWorkingCalendar Calendar => _calendar;

    /// <summary>
    /// Reads the overrides from the database and makes them the calendar in force. Reloads run one at a time, so the
    /// calendar in force is always the one read last: the reload worker's, read just before an administrator's decision,
    /// cannot replace the page's, read just after it.
    /// </summary>
    public async Task ReloadAsync(DossiersDbContext db, CancellationToken cancellationToken = default)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            var overrides = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(cancellationToken);
            _calendar = new VietnameseWorkingCalendar(overrides);
        }
        finally
        {
            _reloading.Release();
        }

        Reloaded?.Invoke();
    }

    /// <summary>Raised after every reload (the calendar in force may have changed).</summary>
    public event Action? Reloaded;

    /// <summary>Stores the official schedules we ship (<see cref="OfficialCalendarOverrides"/>) for the dates that have no decision yet.</summary>
    public static async Task SeedOfficialOverridesAsync(DossiersDbContext db, CancellationToken cancellationToken = default)
    {
        // Every shipped decision whose date has none (also those a product upgrade brings). An administrator replaces a
        // shipped decision with their own for its date, and never removes it: removing theirs brings the shipped one back.
        var decided = (await db.Set<CalendarDay>().AsNoTracking().Select(d => d.Date).ToListAsync(cancellationToken)).ToHashSet();
        var missing = OfficialCalendarOverrides.All.Where(d => !decided.Contains(d.Date)).ToList();
        if (missing.Count > 0)
        {
            db.AddRange(missing);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public bool IsWorkingDay(DateOnly date) => _calendar.IsWorkingDay(date);

    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays) => _calendar.AddWorkingDays(start, workingDays);
}
