using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ManualClock = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace DossierWorkflow.Dossiers.Tests.Persistence;

/// <summary>
/// A calendar decision and a unit renamed on another app instance (written straight to the database here) are in force
/// after the interval.
/// </summary>
public sealed class ReferenceDataReloadWorkerTests : IDisposable
{
    private readonly SqliteFile _database = new("reference-data-reload");

    [Fact]
    public async Task Another_instances_calendar_decision_and_unit_change_are_in_force_after_the_reload_interval()
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
        var units = new OrganisationUnits();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            db.Add(new Unit { Code = "HN", Name = "Thành phố Hà Nội", Kind = UnitKind.Province });
            await db.SaveChangesAsync(cancel);
            await units.ReloadAsync(db, cancel);
        }

        using var worker = new ReferenceDataReloadWorker(
            services.GetRequiredService<IServiceScopeFactory>(), calendar, units, clock,
            Options.Create(new ReferenceDataOptions { ReloadInterval = interval }), NullLogger<ReferenceDataReloadWorker>.Instance);
        await worker.StartAsync(cancel);
        var makeUpSaturday = new DateOnly(2027, 1, 9);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            db.Add(new CalendarDay(makeUpSaturday, true, "Làm bù, quyết định trên máy chủ khác"));
            (await db.Set<Unit>().SingleAsync(u => u.Code == "HN", cancel)).Name = "Ủy ban nhân dân Thành phố Hà Nội";
            await db.SaveChangesAsync(cancel);
        }

        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        calendar.Reloaded += () => reloaded.TrySetResult();
        clock.Advance(interval - TimeSpan.FromSeconds(1));
        Assert.False(reloaded.Task.IsCompleted);
        Assert.False(calendar.IsWorkingDay(makeUpSaturday));
        Assert.Equal("Thành phố Hà Nội", Name(units));

        clock.Advance(TimeSpan.FromSeconds(1));
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30), cancel);

        Assert.True(calendar.IsWorkingDay(makeUpSaturday));
        Assert.Equal("Ủy ban nhân dân Thành phố Hà Nội", Name(units));
        await worker.StopAsync(cancel);
    }

    private static string Name(OrganisationUnits units) =>
        units.GetAsync(null!).AsTask().GetAwaiter().GetResult().Single(u => u.Code == "HN").Name;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
    }
}
