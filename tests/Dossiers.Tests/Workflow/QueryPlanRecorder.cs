using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DossierWorkflow.Dossiers.Tests.Workflow;

/// <summary>
/// Asks the database how it will run each query the store sends (PostgreSQL <c>EXPLAIN</c>, SQLite <c>EXPLAIN QUERY
/// PLAN</c>, same text, same parameters, same transaction) just before the query runs, and keeps the plans: one per
/// SELECT of a command that holds several (the store's load), none for its savepoint.
/// </summary>
internal sealed class QueryPlanRecorder(bool postgres) : DbCommandInterceptor
{
    private static readonly string[] StatementSeparator = [";\n"];

    public List<string> Plans { get; } = [];

    /// <summary>No step of the plan reads a whole table.</summary>
    public bool UsesIndexesOnly(string plan) =>
        postgres
            ? !plan.Contains("Seq Scan", StringComparison.Ordinal)
            : plan.Split('\n').Where(line => line.Contains("SCAN ", StringComparison.Ordinal)).All(line => line.Contains(" USING ", StringComparison.Ordinal));

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        var statements = command.CommandText.Split(StatementSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var statement in statements.Where(s => !s.StartsWith("SAVEPOINT", StringComparison.Ordinal)))
        {
            Plans.Add($"{statement}\n--\n{await ExplainAsync(command, statement.TrimEnd(';'), cancellationToken)}");
        }

        return result;
    }

    private async Task<string> ExplainAsync(DbCommand command, string statement, CancellationToken cancellationToken)
    {
        await using var explain = command.Connection!.CreateCommand();
        explain.Transaction = command.Transaction;
        explain.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + statement;
        foreach (DbParameter source in command.Parameters)
        {
            var copy = explain.CreateParameter();
            copy.ParameterName = source.ParameterName;
            copy.DbType = source.DbType;
            copy.Value = source.Value;
            explain.Parameters.Add(copy);
        }

        var plan = new StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                // PostgreSQL: one text column per line; SQLite: (id, parent, notused, detail).
                plan.AppendLine(reader.GetString(postgres ? 0 : 3));
            }
        }

        return plan.ToString();
    }
}
