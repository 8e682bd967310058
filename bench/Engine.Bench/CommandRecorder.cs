using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DossierWorkflow.Engine.Bench;

/// <summary>
/// Records every command an officer request sends, its text and its parameters' values, so that <see cref="DriverFloor"/>
/// can send the very same commands again through Npgsql alone. A request's commands are collected in an
/// <see cref="AsyncLocal{T}"/> list that <see cref="BeginRequest"/> opens in the request's own flow; a request that
/// succeeded is kept with <see cref="Keep"/>, in completion order. The parameters are kept as values only: one template
/// per command text (the same text always binds the same parameters with the same types) rebuilds them.
/// </summary>
internal sealed class CommandRecorder : DbCommandInterceptor
{
    private readonly AsyncLocal<List<RecordedCommand>?> _current = new();
    private readonly ConcurrentDictionary<string, NpgsqlParameter[]> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedCommand[]> _requests = new();

    /// <summary>The kept requests, in the order they completed.</summary>
    public IReadOnlyCollection<RecordedCommand[]> Requests => _requests;

    /// <summary>Starts recording the commands of the calling flow (one attempt of one request).</summary>
    public List<RecordedCommand> BeginRequest() => _current.Value = [];

    /// <summary>Keeps the commands of a request that succeeded.</summary>
    public void Keep(List<RecordedCommand> commands) => _requests.Enqueue([.. commands]);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command, returnsRows: true);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command, returnsRows: false);
        return ValueTask.FromResult(result);
    }

    // The replay sends every command asynchronously, as the engine does; a request that sent one synchronously could not
    // be replayed as it ran.
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) =>
        _current.Value is null ? result : throw SynchronousCommand();

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) =>
        _current.Value is null ? result : throw SynchronousCommand();

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) =>
        _current.Value is null ? result : throw SynchronousCommand();

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default) =>
        _current.Value is null ? ValueTask.FromResult(result) : throw new NotSupportedException("A request sent a scalar command, which the replay does not send.");

    private static NotSupportedException SynchronousCommand() =>
        new("A request sent a command synchronously; the replay sends every command asynchronously, as the engine does.");

    private void Record(DbCommand command, bool returnsRows)
    {
        if (_current.Value is not { } request)
        {
            return;
        }

        var parameters = command.Parameters.Cast<NpgsqlParameter>().ToArray();
        var template = _templates.GetOrAdd(command.CommandText, _ => [.. parameters.Select(p => p.Clone())]);
        var values = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            values[i] = parameters[i].Value;
        }

        request.Add(new RecordedCommand(command.CommandText, template, values, returnsRows));
    }
}

/// <summary>One command as a request sent it: its text, its parameters (a shared template and this command's values), and whether it read rows.</summary>
internal sealed record RecordedCommand(string Text, NpgsqlParameter[] Template, object?[] Values, bool ReturnsRows)
{
    /// <summary>A new command on <paramref name="connection"/> with the recorded text and parameters.</summary>
    public NpgsqlCommand Create(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(Text, connection);
        for (var i = 0; i < Template.Length; i++)
        {
            var parameter = Template[i].Clone();
            parameter.Value = Values[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
