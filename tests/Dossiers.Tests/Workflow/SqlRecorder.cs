using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DossierWorkflow.Dossiers.Tests.Workflow;

/// <summary>
/// Keeps the text of every command a context sends, and counts the transactions it begins and the savepoints it takes as
/// commands of their own.
/// </summary>
internal sealed class SqlRecorder : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private int _savepoints;
    private int _transactions;

    public int Transactions => Volatile.Read(ref _transactions);

    public List<string> Commands { get; } = [];

    public int Savepoints => Volatile.Read(ref _savepoints);

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Commands.Add(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Commands.Add(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Commands.Add(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _transactions);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> CreatingSavepointAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _savepoints);
        return ValueTask.FromResult(result);
    }
}
