using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>
/// Runs a read whose only parameter is one key, through EF Core's command pipeline: on the context's connection and in its
/// transaction, the key bound with the model's type mapping, seen by interceptors and logging like any query.
/// </summary>
internal static class KeyedRead
{
    public const string KeyParameter = "id";

    public static async Task<RelationalDataReader> ExecuteAsync(DbContext db, string sql, RelationalTypeMapping keyMapping, Guid key, CancellationToken cancellationToken)
    {
        // An EF Core command keeps the DbCommand it created, so it cannot be shared between connections: built per read
        // from the cached text, and Npgsql prepares the statements once they repeat (see DatabaseConfiguration).
        var command = db.GetService<IRelationalCommandBuilderFactory>().Create()
            .Append(sql)
            .AddParameter(KeyParameter, db.GetService<ISqlGenerationHelper>().GenerateParameterName(KeyParameter), keyMapping, nullable: false)
            .Build();
        var parameters = new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(),
            new Dictionary<string, object?> { [KeyParameter] = key },
            null,
            db,
            db.GetService<IRelationalCommandDiagnosticsLogger>());
        return await command.ExecuteReaderAsync(parameters, cancellationToken);
    }
}
