using System.Globalization;
using DossierWorkflow.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>
/// The statements one engine command writes, sent as one command (one round trip) through EF Core's command pipeline, so
/// they run on the context's connection and in its transaction and are seen by interceptors and logging like any other.
/// Every statement states how many rows it must affect; <see cref="ExecuteAsync"/> compares the sum with what the database
/// reports. Each statement affects at most its expected count (an update or delete by key, an insert that fails on a
/// duplicate key), so a short sum means that some statement matched nothing: the versioned update of the instance, when
/// another command changed it first. A very large change set is split into several commands of whole statements.
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
    /// Runs the statements in order. Throws <see cref="WorkflowConcurrencyException"/> (from <paramref name="conflict"/>)
    /// when they affected fewer rows than expected; the caller rolls back what the others wrote.
    /// </summary>
    public async Task ExecuteAsync(Func<WorkflowConcurrencyException> conflict, CancellationToken cancellationToken)
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
            affected += await command.ExecuteNonQueryAsync(new RelationalCommandParameterObject(connection, values, null, db, logger), cancellationToken);
        }

        _full.Clear();
        if (affected != ExpectedRows)
        {
            throw conflict();
        }
    }

    private IRelationalCommandBuilder Builder => _builder ??= _commands.Create();
}
