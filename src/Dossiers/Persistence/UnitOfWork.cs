using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DossierWorkflow.Dossiers.Persistence;

/// <summary>
/// The one transaction of an officer's (or a client's) action: opened at the edge before the handler runs, committed once
/// after it, with the domain's tracked changes saved just before the commit. Engine commands run by the handler join it
/// (the workflow store writes into the context's current transaction), so the dossier's rows and the engine's rows commit
/// or roll back together. Scoped: one per request, on the request's <see cref="DossiersDbContext"/>.
/// <para>
/// A handler that meets an expected failure after it may have written something (an engine conflict it reports as a
/// message) calls <see cref="RollBackAsync"/>: everything the action wrote is undone at once, and what the handler reads
/// afterwards to show the page is read outside any transaction.
/// </para>
/// </summary>
public sealed class UnitOfWork(
    DossiersDbContext db,
    Notifications.ApplicantNotifications notifications,
    NationalPortal.NationalPortalSync nationalPortal,
    Telemetry.ActionMeasurements measurements)
{
    private IDbContextTransaction? _transaction;

    /// <summary>True once the action's transaction was rolled back: it will not be committed.</summary>
    public bool RolledBack { get; private set; }

    /// <summary>
    /// Runs an action in the unit of work: begins it, runs <paramref name="action"/>, and commits when the action says it
    /// succeeded (and did not roll back); otherwise, or when it throws, rolls everything back. The edge's one wrapper.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> action, Func<T, bool> succeeded, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        try
        {
            var result = await action();
            if (succeeded(result) && !RolledBack)
            {
                await CommitAsync(cancellationToken);
            }

            return result;
        }
        finally
        {
            if (_transaction is not null)
            {
                await RollBackAsync();
            }
        }
    }

    /// <summary>Opens the action's transaction. The edge calls it once per action (see <see cref="RunAsync"/>).</summary>
    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null || RolledBack)
        {
            throw new InvalidOperationException("The unit of work of this action is already open.");
        }

        // The whole action commits or rolls back: a savepoint around SaveChanges would only cost a round trip.
        db.Database.AutoSavepointsEnabled = false;
        _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>
    /// Queues what the action's dossiers have to tell their applicants and the national portal (into the engine's outbox,
    /// in this transaction), saves the domain's tracked changes and commits everything the action wrote.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var transaction = _transaction ?? throw new InvalidOperationException(RolledBack
            ? "The unit of work of this action was rolled back; it cannot be committed."
            : "No unit of work is open.");
        await notifications.QueueAsync(cancellationToken);
        await nationalPortal.QueueAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await EndAsync();
        measurements.Committed();
    }

    /// <summary>Undoes everything the action wrote, and forgets the domain's tracked changes.</summary>
    public async Task RollBackAsync()
    {
        RolledBack = true;
        db.ChangeTracker.Clear();
        measurements.RolledBack();
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync(CancellationToken.None);
            await EndAsync();
        }
    }

    private async Task EndAsync()
    {
        await _transaction!.DisposeAsync();
        _transaction = null;
    }
}
