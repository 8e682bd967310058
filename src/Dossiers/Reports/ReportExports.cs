using System.Collections.Concurrent;
using System.Security.Cryptography;
using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>The reports exported as workbooks.</summary>
public enum ReportKind
{
    Bieu06,
    Register,
    Overdue,
    Productivity,
}

/// <summary>
/// Exports running in the background: an officer starts one (or several), the page shows each one's progress (rows done
/// of rows in all) and offers the file when it is ready. Each export is a row of the database (<see cref="ReportExport"/>)
/// and runs once, on the instance where it was started; every instance shows its progress, and serves its file from the
/// attachment store, where it is kept for <see cref="Kept"/> after it is ready — closing the page loses nothing — then
/// deleted. At most <see cref="AtOnce"/> exports run at once on an instance (the others wait their turn), each in its own
/// scope. An instance says every second how far its exports are; one that stops saying so for <see cref="Silence"/> (it
/// died) leaves its exports failed, to be started again.
/// </summary>
public sealed partial class ReportExports(IServiceScopeFactory scopes, IAttachmentStore store, TimeProvider time, ILogger<ReportExports> logger)
    : BackgroundService
{
    /// <summary>How long a ready file stays to be downloaded.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    /// <summary>How long a waiting or running export may go without news of its instance before it counts as lost.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromMinutes(1);

    /// <summary>How many exports run at once on an instance (the machines have two cores; the rest wait).</summary>
    public const int AtOnce = 2;

    /// <summary>How many exports one officer may have waiting or running.</summary>
    public const int MostPerOfficer = 5;

    /// <summary>This instance's exports still waiting or running, with how far they are.</summary>
    private readonly ConcurrentDictionary<Guid, Progress> _active = new();
    private readonly SemaphoreSlim _running = new(AtOnce);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Starts exporting <paramref name="kind"/> of a unit and period for <paramref name="owner"/> (a user name); null when
    /// they already have <see cref="MostPerOfficer"/> waiting or running.
    /// </summary>
    public async Task<ReportExport?> StartAsync(string owner, ReportKind kind, string unitCode, ReportPeriod period, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        await FailSilentAsync(db, cancellationToken);
        if (await db.Set<ReportExport>().CountAsync(e => e.Owner == owner && (e.Status == ReportExportStatus.Waiting || e.Status == ReportExportStatus.Running), cancellationToken) >= MostPerOfficer)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var export = new ReportExport
        {
            Id = Guid.CreateVersion7(now),
            Owner = owner,
            Kind = kind,
            UnitCode = unitCode,
            First = period.First,
            Last = period.Last,
            FileName = ListOf(scope.ServiceProvider, kind).FileName(unitCode, period),
            StartedAt = now,
            HeartbeatAt = now,
        };
        db.Add(export);
        await db.SaveChangesAsync(cancellationToken);
        _active[export.Id] = new Progress();
        _ = Task.Run(() => RunAsync(export.Id));
        return export;
    }

    /// <summary>An export of <paramref name="owner"/>'s, or null (another officer's exports are not theirs to see).</summary>
    public async Task<ReportExport?> FindAsync(Guid id, string owner, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        await FailSilentAsync(db, cancellationToken);
        return await db.Set<ReportExport>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.Owner == owner, cancellationToken);
    }

    /// <summary><paramref name="owner"/>'s exports still kept, newest first.</summary>
    public async Task<IReadOnlyList<ReportExport>> OfAsync(string owner, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        await FailSilentAsync(db, cancellationToken);
        return await db.Set<ReportExport>().AsNoTracking().Where(e => e.Owner == owner).OrderByDescending(e => e.StartedAt).ToListAsync(cancellationToken);
    }

    /// <summary>A ready export's file, from the attachment store; null when it is not ready or no longer kept.</summary>
    public async Task<Stream?> OpenAsync(ReportExport export, CancellationToken cancellationToken) =>
        export is { Status: ReportExportStatus.Ready, FileSha256: { } sha256 } ? await store.OpenAsync(sha256, cancellationToken) : null;

    /// <summary>
    /// Every second, while this instance has exports waiting or running: how far each is, and that the instance lives;
    /// every minute, the exports kept past their time go.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        for (var tick = 1L; await ticks.WaitForNextTickAsync(stoppingToken); tick++)
        {
            if (tick % 60 == 0)
            {
                await RemoveExpiredAsync(stoppingToken);
            }

            if (_active.IsEmpty)
            {
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
                var now = time.GetUtcNow();
                foreach (var (id, progress) in _active)
                {
                    var (done, total) = progress.Read();
                    await db.Set<ReportExport>()
                        .Where(e => e.Id == id && (e.Status == ReportExportStatus.Waiting || e.Status == ReportExportStatus.Running))
                        .ExecuteUpdateAsync(e => e.SetProperty(x => x.Done, done).SetProperty(x => x.Total, total).SetProperty(x => x.HeartbeatAt, now), stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogHeartbeatFailed(logger, exception);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }


    private static IReportList ListOf(IServiceProvider services, ReportKind kind) => kind switch
    {
        ReportKind.Bieu06 => services.GetRequiredService<Bieu06Export>(),
        ReportKind.Register => services.GetRequiredService<RegisterBook>(),
        ReportKind.Overdue => services.GetRequiredService<OverdueList>(),
        ReportKind.Productivity => services.GetRequiredService<OfficerProductivity>(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private async Task RunAsync(Guid id)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dossierworkflow-export-{id:N}.xlsx");
        var cancellationToken = _stopping.Token;
        try
        {
            await _running.WaitAsync(cancellationToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
                var export = await db.Set<ReportExport>().SingleAsync(e => e.Id == id, cancellationToken);
                export.Status = ReportExportStatus.Running;
                await db.SaveChangesAsync(cancellationToken);

                int rows;
                string sha256;
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024))
                {
                    rows = await ListOf(scope.ServiceProvider, export.Kind).WriteAsync(export.UnitCode, export.Period, file, _active[id].Report, cancellationToken);
                    file.Position = 0;
                    sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
                    file.Position = 0;
                    await store.PutAsync(sha256, file, file.Length, cancellationToken);
                }

                export.Status = ReportExportStatus.Ready;
                export.Rows = rows;
                export.Done = export.Total = rows;
                export.FileSha256 = sha256;
                export.FinishedAt = time.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                _running.Release();
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            if (!_stopping.IsCancellationRequested)
            {
                LogExportFailed(logger, exception, id);
            }

            await FailAsync(id);
        }
        finally
        {
            _active.TryRemove(id, out _);
            File.Delete(path);
        }
    }

    private async Task FailAsync(Guid id)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var now = time.GetUtcNow();
            await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<ReportExport>().Where(e => e.Id == id)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, ReportExportStatus.Failed).SetProperty(x => x.FinishedAt, now), CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Left waiting or running: it counts as lost once its instance stops saying how far it is.
            LogHeartbeatFailed(logger, exception);
        }
    }

    /// <summary>Exports whose instance fell silent (it died) fail, to be started again.</summary>
    private Task FailSilentAsync(DossiersDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var silentSince = now - Silence;
        return db.Set<ReportExport>()
            .Where(e => (e.Status == ReportExportStatus.Waiting || e.Status == ReportExportStatus.Running) && e.HeartbeatAt < silentSince)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, ReportExportStatus.Failed).SetProperty(x => x.FinishedAt, now), cancellationToken);
    }

    /// <summary>
    /// The exports kept past their time go, and their files with them unless another export kept has the same file (the
    /// store keeps one copy of equal bytes). Any instance may do it, any number of times.
    /// </summary>
    private async Task RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            var keptSince = time.GetUtcNow() - Kept;
            var files = await db.Set<ReportExport>().Where(e => e.FinishedAt < keptSince && e.FileSha256 != null).Select(e => e.FileSha256!).Distinct().ToListAsync(cancellationToken);
            await db.Set<ReportExport>().Where(e => e.FinishedAt < keptSince).ExecuteDeleteAsync(cancellationToken);
            foreach (var sha256 in files)
            {
                if (!await db.Set<ReportExport>().AnyAsync(e => e.FileSha256 == sha256, cancellationToken))
                {
                    await store.DeleteAsync(sha256, cancellationToken);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // What is left goes at the next minute's try.
            LogRemovalFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "The export {Id} failed")]
    private static partial void LogExportFailed(ILogger logger, Exception exception, Guid id);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "The exports kept past their time could not be removed; trying again in a minute")]
    private static partial void LogRemovalFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "The exports' progress could not be recorded; trying again in a second")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);

    /// <summary>How far a running export is, as its writer reports it.</summary>
    private sealed class Progress
    {
        private int _done;
        private int _total = -1;

        public void Report(int done, int total)
        {
            Volatile.Write(ref _total, total);
            Volatile.Write(ref _done, done);
        }

        public (int Done, int Total) Read() => (Volatile.Read(ref _done), Volatile.Read(ref _total));
    }
}

/// <summary>One export: what, for whom, how far it is (rows done of rows in all), then its file in the attachment store.</summary>
public sealed class ReportExport
{
    public Guid Id { get; init; }

    public required string Owner { get; init; }

    public ReportKind Kind { get; init; }

    public required string UnitCode { get; init; }

    public DateOnly First { get; init; }

    public DateOnly Last { get; init; }

    public ReportPeriod Period => new(First, Last);

    public required string FileName { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public ReportExportStatus Status { get; set; } = ReportExportStatus.Waiting;

    /// <summary>Rows done so far.</summary>
    public int Done { get; set; }

    /// <summary>Rows in all; -1 until known.</summary>
    public int Total { get; set; } = -1;

    /// <summary>The rows of the file, once it is ready.</summary>
    public int Rows { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The file in the attachment store, once it is ready.</summary>
    public string? FileSha256 { get; set; }

    /// <summary>When the instance running it last said how far it is.</summary>
    public DateTimeOffset HeartbeatAt { get; set; }
}

public enum ReportExportStatus
{
    Waiting,
    Running,
    Ready,
    Failed,
}

internal sealed class ReportExportConfiguration : IEntityTypeConfiguration<ReportExport>
{
    public void Configure(EntityTypeBuilder<ReportExport> builder)
    {
        builder.ToTable("ReportExports");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Owner).HasMaxLength(100);
        builder.Property(e => e.UnitCode).HasMaxLength(50);
        builder.Property(e => e.FileName).HasMaxLength(200);
        builder.Property(e => e.FileSha256).HasMaxLength(64);
        builder.Property(e => e.StartedAt).HasUtcConversion();
        builder.Property(e => e.FinishedAt).HasUtcConversion();
        builder.Property(e => e.HeartbeatAt).HasUtcConversion();
        builder.Ignore(e => e.Period);
        builder.HasIndex(e => new { e.Owner, e.Status });
    }
}
