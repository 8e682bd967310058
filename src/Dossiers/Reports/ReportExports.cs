using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
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
/// of rows in all) and offers the file when it is ready. The file is written to a temporary file, kept for
/// <see cref="Kept"/> after it is ready — closing the page loses nothing — then deleted. At most
/// <see cref="AtOnce"/> exports run at once (the others wait their turn), each in its own scope (its own database context).
/// The registry lives in this process: an export is found by the instance that runs it.
/// </summary>
public sealed class ReportExports(IServiceScopeFactory scopes, TimeProvider time, ILogger<ReportExports> logger) : IDisposable
{
    /// <summary>How long a ready file stays to be downloaded.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    /// <summary>How many exports run at once (the machines have two cores; the rest wait).</summary>
    public const int AtOnce = 2;

    /// <summary>How many exports one officer may have waiting or running.</summary>
    public const int MostPerOfficer = 5;

    private readonly ConcurrentDictionary<Guid, ReportExport> _exports = new();
    private readonly SemaphoreSlim _running = new(AtOnce);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Starts exporting <paramref name="kind"/> of a unit and period for <paramref name="owner"/> (a user name); null when
    /// they already have <see cref="MostPerOfficer"/> waiting or running.
    /// </summary>
    public ReportExport? Start(string owner, ReportKind kind, string unitCode, ReportPeriod period)
    {
        Sweep();
        if (_exports.Values.Count(e => e.Owner == owner && e.Status is ReportExportStatus.Waiting or ReportExportStatus.Running) >= MostPerOfficer)
        {
            return null;
        }

        using var scope = scopes.CreateScope();
        var export = new ReportExport(Guid.NewGuid(), owner, kind, unitCode, period, ListOf(scope.ServiceProvider, kind).FileName(unitCode, period), time.GetUtcNow());
        _exports[export.Id] = export;
        _ = Task.Run(() => RunAsync(export));
        return export;
    }

    /// <summary>An export of <paramref name="owner"/>'s, or null (another officer's exports are not theirs to see).</summary>
    public ReportExport? Find(Guid id, string owner) => _exports.TryGetValue(id, out var export) && export.Owner == owner ? export : null;

    /// <summary><paramref name="owner"/>'s exports still kept, newest first.</summary>
    public IReadOnlyList<ReportExport> Of(string owner)
    {
        Sweep();
        return [.. _exports.Values.Where(e => e.Owner == owner).OrderByDescending(e => e.StartedAt)];
    }

    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var export in _exports.Values)
        {
            Delete(export);
        }

        _stopping.Dispose();
        _running.Dispose();
    }

    private static IReportList ListOf(IServiceProvider services, ReportKind kind) => kind switch
    {
        ReportKind.Bieu06 => services.GetRequiredService<Bieu06Export>(),
        ReportKind.Register => services.GetRequiredService<RegisterBook>(),
        ReportKind.Overdue => services.GetRequiredService<OverdueList>(),
        ReportKind.Productivity => services.GetRequiredService<OfficerProductivity>(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private async Task RunAsync(ReportExport export)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dossierworkflow-export-{export.Id:N}.xlsx");
        try
        {
            await _running.WaitAsync(_stopping.Token);
            try
            {
                export.Begin(path);
                await using var scope = scopes.CreateAsyncScope();
                int rows;
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024))
                {
                    rows = await ListOf(scope.ServiceProvider, export.Kind).WriteAsync(export.UnitCode, export.Period, file, export.Report, _stopping.Token);
                }

                export.Finish(rows, time.GetUtcNow());
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
                logger.LogError(exception, "The export {Kind} of {Unit} for {First}–{Last} failed.", export.Kind, export.UnitCode, export.Period.First, export.Period.Last);
            }

            export.Fail(time.GetUtcNow());
            Delete(export);
        }
    }

    /// <summary>Forgets the exports kept past their time, and deletes their files.</summary>
    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var export in _exports.Values.Where(e => e.FinishedAt is { } finished && now - finished > Kept))
        {
            if (_exports.TryRemove(export.Id, out _))
            {
                Delete(export);
            }
        }
    }

    private static void Delete(ReportExport export)
    {
        try
        {
            if (export.Path is { } path && File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // Being downloaded right now: the next sweep (or the system's temporary files) takes it.
        }
    }
}

/// <summary>One export: what, for whom, and how far it is (rows done of rows in all), then its file.</summary>
public sealed class ReportExport(Guid id, string owner, ReportKind kind, string unitCode, ReportPeriod period, string fileName, DateTimeOffset startedAt)
{
    private int _done;
    private int _total = -1;
    private volatile ReportExportStatus _status = ReportExportStatus.Waiting;

    public Guid Id { get; } = id;

    public string Owner { get; } = owner;

    public ReportKind Kind { get; } = kind;

    public string UnitCode { get; } = unitCode;

    public ReportPeriod Period { get; } = period;

    public string FileName { get; } = fileName;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset? FinishedAt { get; private set; }

    public ReportExportStatus Status => _status;

    /// <summary>Rows done so far.</summary>
    public int Done => Volatile.Read(ref _done);

    /// <summary>Rows in all; -1 until known.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>The rows of the file, once it is ready.</summary>
    public int Rows { get; private set; }

    /// <summary>The file, once it is being written.</summary>
    public string? Path { get; private set; }

    internal void Begin(string path)
    {
        Path = path;
        _status = ReportExportStatus.Running;
    }

    internal void Report(int done, int total)
    {
        Volatile.Write(ref _total, total);
        Volatile.Write(ref _done, done);
    }

    internal void Finish(int rows, DateTimeOffset at)
    {
        Rows = rows;
        FinishedAt = at;
        _status = ReportExportStatus.Ready;
    }

    internal void Fail(DateTimeOffset at)
    {
        FinishedAt = at;
        _status = ReportExportStatus.Failed;
    }
}

public enum ReportExportStatus
{
    Waiting,
    Running,
    Ready,
    Failed,
}
