using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ManualClock = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace DossierWorkflow.Dossiers.Tests.Calendar;

/// <summary>A decision made on another app instance (written straight to the database here) is in force after the interval.</summary>
public sealed class CalendarReloadWorkerTests : IDisposable
{
    private readonly SqliteFile _database = new("calendar-reload");

    [Fact]
    public async Task Another_instances_decision_is_in_force_after_the_reload_interval()
    {
        var cancel = TestContext.Current.CancellationToken;
        var services = new ServiceCollection().AddDbContext<DossiersDbContext>(o => o.UseSqlite(_database.ConnectionString)).BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Database.MigrateAsync(cancel);
        }

        var calendar = new CurrentWorkingCalendar();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        var interval = TimeSpan.FromMinutes(5);
        using var worker = new CalendarReloadWorker(
            services.GetRequiredService<IServiceScopeFactory>(), calendar, clock, Options.Create(new CalendarOptions { ReloadInterval = interval }), NullLogger<CalendarReloadWorker>.Instance);
        await worker.StartAsync(cancel);
        var makeUpSaturday = new DateOnly(2027, 1, 9);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            db.Add(new CalendarDay(makeUpSaturday, true, "Làm bù, quyết định trên máy chủ khác"));
            await db.SaveChangesAsync(cancel);
        }

        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        calendar.Reloaded += () => reloaded.TrySetResult();
        clock.Advance(interval - TimeSpan.FromSeconds(1));
        Assert.False(reloaded.Task.IsCompleted);
        Assert.False(calendar.IsWorkingDay(makeUpSaturday));

        clock.Advance(TimeSpan.FromSeconds(1));
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30), cancel);

        Assert.True(calendar.IsWorkingDay(makeUpSaturday));
        await worker.StopAsync(cancel);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
    }
}
