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
/// <para>
/// <b>Conflicts are told by the row count.</b> Every statement states how many rows it must affect, and no statement can
/// affect more: an update or delete by key matches at most its keys, an insert adds its rows or fails on a duplicate key.
/// So when the database reports fewer rows in total than expected, some statement matched less than it should have, and
/// the one that can is the instance's versioned update (<c>… WHERE Version = @expected</c>) after another command changed
/// the instance first: every other row a command touches belongs to that instance, whose row the write locks first. The
/// batch then reports itself incomplete and the caller rolls back the transaction it ran in. A very large change set is
/// split into several commands of whole statements, all in that one transaction.
/// </para>
/// </summary>
internal sealed class WriteBatch(DbContext db)
{
    // Well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
    private const int ParametersPerCommand = 10_000;

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
    /// Runs the statements in order, in the context's current transaction, and tells whether they affected as many rows as
    /// they must; when not, the caller rolls that transaction back.
    /// </summary>
    public async Task<bool> ExecuteAsync(CancellationToken cancellationToken)
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
            // Npgsql reports -1 for a command without INSERT, UPDATE or DELETE.
            affected += Math.Max(0, await command.ExecuteNonQueryAsync(new RelationalCommandParameterObject(connection, values, null, db, logger), cancellationToken));
        }

        _full.Clear();
        return affected == ExpectedRows;
    }

    private IRelationalCommandBuilder Builder => _builder ??= _commands.Create();
}
