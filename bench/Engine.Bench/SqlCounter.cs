using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DossierWorkflow.Engine.Bench;

/// <summary>
/// Counts what the store sends to the database: commands (round trips), the statements in them (EF batches several
/// modifications into one command, each ending with a semicolon), savepoints taken and released (a round trip each on
/// PostgreSQL, not seen as commands), commits, and the time spent waiting for all of them.
/// Cheap enough to stay on during the measured run; with tracing on it also prints the SQL of the first completions.
/// </summary>
internal sealed class SqlCounter : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private long _commands;
    private long _statements;
    private long _savepointCommands;
    private long _commits;
    private long _commandTicks;
    private int _traceBudget;

    public SqlCounterSnapshot Snapshot() => new(
        Interlocked.Read(ref _commands),
        Interlocked.Read(ref _statements),
        Interlocked.Read(ref _savepointCommands),
        Interlocked.Read(ref _commits),
        TimeSpan.FromTicks(Interlocked.Read(ref _commandTicks)));

    /// <summary>Prints the next <paramref name="commands"/> commands to standard error.</summary>
    public void Trace(int commands) => Volatile.Write(ref _traceBudget, commands);

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Count(command, eventData.Duration);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Count(command, eventData.Duration);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Count(command, eventData.Duration);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _commandTicks, eventData.Duration.Ticks);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _commandTicks, eventData.Duration.Ticks);
    }

    public Task CreatedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _savepointCommands);
        return Task.CompletedTask;
    }

    public void CreatedSavepoint(DbTransaction transaction, TransactionEventData eventData) => Interlocked.Increment(ref _savepointCommands);

    public Task ReleasedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _savepointCommands);
        return Task.CompletedTask;
    }

    public void ReleasedSavepoint(DbTransaction transaction, TransactionEventData eventData) => Interlocked.Increment(ref _savepointCommands);

    private void Count(DbCommand command, TimeSpan duration)
    {
        Interlocked.Increment(ref _commands);
        Interlocked.Add(ref _statements, Statements(command.CommandText));
        Interlocked.Add(ref _commandTicks, duration.Ticks);
        if (Volatile.Read(ref _traceBudget) > 0 && Interlocked.Decrement(ref _traceBudget) >= 0)
        {
            Console.Error.WriteLine($"-- sql ({duration.TotalMilliseconds:0.000} ms)\n{command.CommandText}\n");
        }
    }

    private static int Statements(string sql)
    {
        var count = 0;
        for (var i = sql.IndexOf(';'); i >= 0; i = sql.IndexOf(';', i + 1))
        {
            var rest = sql.AsSpan(i + 1);
            if (rest.IsEmpty || rest[0] is '\n' or '\r')
            {
                count++;
            }
        }

        return Math.Max(count, 1);
    }
}

internal sealed record SqlCounterSnapshot(long Commands, long Statements, long SavepointCommands, long Commits, TimeSpan CommandTime)
{
    /// <summary>Commands, savepoint commands and commits: each waits for the server once.</summary>
    public long RoundTrips => Commands + SavepointCommands + Commits;

    public static SqlCounterSnapshot operator -(SqlCounterSnapshot after, SqlCounterSnapshot before) => new(
        after.Commands - before.Commands,
        after.Statements - before.Statements,
        after.SavepointCommands - before.SavepointCommands,
        after.Commits - before.Commits,
        after.CommandTime - before.CommandTime);
}
