using System.Globalization;
using DossierWorkflow.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>
/// The statements one engine command writes, sent as one command (one round trip) through EF Core's command pipeline, so
/// they run on the context's connection and in its transaction and are seen by interceptors and logging like any other.
/// Every statement states how many rows it must affect; <see cref="ExecuteAsync"/> compares the sum with what the database
/// reports. Each statement affects at most its expected count (an update or delete by key, an insert that fails on a
/// duplicate key), so a short sum means that some statement matched nothing: the versioned update of the instance, when
/// another command changed it first. On PostgreSQL that update is also written so that the server itself fails it
/// (<see cref="AppendVersionedUpdate"/>): a batch of one command can then run as its own implicit transaction, which the
/// server aborts whole on a conflict. A very large change set is split into several commands of whole statements.
/// </summary>
internal sealed class WriteBatch(DbContext db)
{
    // Well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
    private const int ParametersPerCommand = 10_000;

    // The text PostgreSQL reports (as an invalid integer) when a versioned update matched no row.
    private const string VersionConflict = "workflow instance version conflict: another command changed it first";

    private readonly bool _failsOnServer = db.Database.IsNpgsql();

    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();
    private readonly IRelationalCommandBuilderFactory _commands = db.GetService<IRelationalCommandBuilderFactory>();
    private readonly List<(IRelationalCommand Command, Dictionary<string, object?> Values)> _full = [];
    private IRelationalCommandBuilder? _builder;
    private Dictionary<string, object?> _values = [];
    private int _parameters;

    /// <summary>The rows the statements must affect together.</summary>
    public int ExpectedRows { get; private set; }

    /// <summary>Binds <paramref name="value"/> (converted by the mapping's value converter) and returns its placeholder.</summary>
    public string Parameter(RelationalTypeMapping mapping, object? value, bool nullable)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"p{_parameters++}");
        Builder.AddParameter(name, _sql.GenerateParameterName(name), mapping, nullable);
        _values[name] = value;
        return _sql.GenerateParameterNamePlaceholder(name);
    }

    /// <summary>Ends a statement whose parameters were bound with <see cref="Parameter"/>; it must affect <paramref name="rows"/> rows.</summary>
    public void Append(string statement, int rows)
    {
        Builder.Append(statement).AppendLine(_sql.StatementTerminator);
        ExpectedRows += rows;
        if (_values.Count >= ParametersPerCommand)
        {
            _full.Add((_builder!.Build(), _values));
            _builder = null;
            _values = [];
        }
    }

    /// <summary>
    /// Ends an <c>UPDATE</c> by key and version, which must change exactly one row. On PostgreSQL it runs inside a statement
    /// that fails when it changed none (casting a text that is no number, and that says why, to <c>integer</c>), so the
    /// server aborts the transaction, explicit or implicit, before any later statement of the batch runs; see
    /// <see cref="IsVersionConflict"/>. SQLite runs in process, where the row count alone tells, before the commit.
    /// </summary>
    public void AppendVersionedUpdate(string update)
    {
        if (_failsOnServer)
        {
            // Not a constant the planner could fold: the CASE depends on the count, so the cast runs per execution.
            Append($"WITH changed AS ({update} RETURNING 1) SELECT CAST(CASE count(*) WHEN 1 THEN '1' ELSE '{VersionConflict}' END AS integer) FROM changed", rows: 0);
        }
        else
        {
            Append(update, rows: 1);
        }
    }

    /// <summary>True for the error a versioned update of <see cref="AppendVersionedUpdate"/> raises on PostgreSQL when it matched no row.</summary>
    public static bool IsVersionConflict(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.InvalidTextRepresentation && exception.MessageText.Contains(VersionConflict, StringComparison.Ordinal);

    /// <summary>The commands the statements take: one unless the change set is very large.</summary>
    public int CommandCount => _full.Count + (_builder is null ? 0 : 1);

    /// <summary>
    /// Runs the statements in order, and throws what <paramref name="shortCount"/> makes when they affected fewer rows than
    /// expected: a <see cref="WorkflowConcurrencyException"/> when the statements run in a transaction the caller then
    /// rolls back, something else when they ran as their own implicit transaction (see <see cref="AppendVersionedUpdate"/>)
    /// and so are committed already.
    /// </summary>
    public async Task ExecuteAsync(Func<Exception> shortCount, CancellationToken cancellationToken)
    {
        if (_builder is not null)
        {
            _full.Add((_builder.Build(), _values));
            _builder = null;
        }

        var connection = db.GetService<IRelationalConnection>();
        var logger = db.GetService<IRelationalCommandDiagnosticsLogger>();
        var affected = 0;
        foreach (var (command, values) in _full)
        {
            // Npgsql reports -1 for a command of no INSERT, UPDATE or DELETE (a savepoint and a guarded update alone).
            affected += Math.Max(0, await command.ExecuteNonQueryAsync(new RelationalCommandParameterObject(connection, values, null, db, logger), cancellationToken));
        }

        _full.Clear();
        if (affected != ExpectedRows)
        {
            throw shortCount();
        }
    }

    private IRelationalCommandBuilder Builder => _builder ??= _commands.Create();
}
