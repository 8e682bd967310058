using System.Data.Common;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DossierWorkflow.Dossiers.Tests.Calendar;

/// <summary>The reload worker and an administrator's page may reload the calendar at the same moment.</summary>
public sealed class CurrentWorkingCalendarTests : IDisposable
{
    private readonly SqliteFile _database = new("current-calendar");

    [Fact]
    public async Task A_reload_that_read_before_a_decision_does_not_put_its_calendar_in_force_after_one_that_read_it()
    {
        var cancel = TestContext.Current.CancellationToken;
        var makeUpSaturday = new DateOnly(2027, 1, 9);
        var calendar = new CurrentWorkingCalendar();
        var heldRead = new HeldRead();
        await using var db = new DossiersDbContext(new DbContextOptionsBuilder<DossiersDbContext>().UseSqlite(_database.ConnectionString).Options);
        await using var workerDb = new DossiersDbContext(new DbContextOptionsBuilder<DossiersDbContext>().UseSqlite(_database.ConnectionString).AddInterceptors(heldRead).Options);
        await db.Database.MigrateAsync(cancel);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", cancel);

        // given the worker's reload has read the calendar days and is held before it puts them in force
        var workerReload = calendar.ReloadAsync(workerDb, cancel);
        await heldRead.Read.WaitAsync(cancel);

        // when the administrator adds a decision, and the page reloads while the worker's reload is still held
        db.Add(new CalendarDay(makeUpSaturday, true, "Làm bù cho thứ Sáu 15/01/2027"));
        await db.SaveChangesAsync(cancel);
        var pageReload = calendar.ReloadAsync(db, cancel);
        heldRead.Release();
        await Task.WhenAll(workerReload, pageReload);

        // then the decision is in force
        Assert.True(calendar.IsWorkingDay(makeUpSaturday));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    /// <summary>Holds the first query of its context once it has read, until released.</summary>
    private sealed class HeldRead : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Read => _read.Task;

        public void Release() => _release.TrySetResult();

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (_read.TrySetResult())
            {
                await _release.Task.WaitAsync(cancellationToken);
            }

            return result;
        }
    }
}
