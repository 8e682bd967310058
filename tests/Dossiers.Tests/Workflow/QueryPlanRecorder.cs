using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DossierWorkflow.Dossiers.Tests.Workflow;

/// <summary>
/// Asks the database how it will run each query the store sends (PostgreSQL <c>EXPLAIN</c>, SQLite <c>EXPLAIN QUERY
/// PLAN</c>, same text, same parameters, same transaction) just before the query runs, and keeps the plans.
/// </summary>
internal sealed class QueryPlanRecorder(bool postgres) : DbCommandInterceptor
{
    public List<string> Plans { get; } = [];

    /// <summary>No step of the plan reads a whole table.</summary>
    public bool UsesIndexesOnly(string plan) =>
        postgres
            ? !plan.Contains("Seq Scan", StringComparison.Ordinal)
            : plan.Split('\n').Where(line => line.Contains("SCAN ", StringComparison.Ordinal)).All(line => line.Contains(" USING ", StringComparison.Ordinal));

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await using var explain = command.Connection!.CreateCommand();
        explain.Transaction = command.Transaction;
        explain.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
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

        Plans.Add($"{command.CommandText}\n--\n{plan}");
        return result;
    }
}
