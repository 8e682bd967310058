using System.Text;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.EntityFrameworkCore.Scaffolding.Metadata;
using Microsoft.EntityFrameworkCore.Sqlite.Design.Internal;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;

namespace DossierWorkflow.Dossiers.Tests.Persistence;

/// <summary>
/// The hand-written migrations must produce exactly the schema the model describes: a database made with
/// <c>EnsureCreated()</c> and one made with <c>Migrate()</c> are read back and compared. SQLite cannot see lengths or
/// precision, so PostgreSQL runs it too.
/// </summary>
public abstract class SchemaDriftTests
{
    protected abstract Task<string> CreateDatabaseAsync(string name);

    protected abstract DbContextOptions<DossiersDbContext> Options(string connectionString);

    protected abstract IDatabaseModelFactory ModelFactory();

    [Fact]
    public async Task Migrations_produce_the_schema_of_the_model()
    {
        var created = await CreateDatabaseAsync("created");
        var migrated = await CreateDatabaseAsync("migrated");
        await using (var db = new DossiersDbContext(Options(created)))
        {
            Assert.True(await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken));
            if (db.Database.ProviderName == PostgresSearchObjects.Provider)
            {
                // What the model does not describe, PostgreSQL's search objects, the migrations create too.
                foreach (var statement in PostgresSearchObjects.Create)
                {
                    await db.Database.ExecuteSqlRawAsync(statement, TestContext.Current.CancellationToken);
                }
            }
        }

        await using (var db = new DossiersDbContext(Options(migrated)))
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }

        var expected = Render(ModelFactory().Create(created, new DatabaseModelFactoryOptions()));
        var actual = Render(ModelFactory().Create(migrated, new DatabaseModelFactoryOptions()));

        Assert.Contains("table DataProtectionKeys", expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Every_migration_is_applied_and_none_is_pending_afterwards()
    {
        var connectionString = await CreateDatabaseAsync("pending");
        await using var db = new DossiersDbContext(Options(connectionString));

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A sorted, provider-agnostic text rendering of a schema (EF's migrations history and lock tables excluded).</summary>
    private static string Render(DatabaseModel model)
    {
        var text = new StringBuilder();
        foreach (var table in model.Tables.Where(t => t.Name is not ("__EFMigrationsHistory" or "__EFMigrationsLock")).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            text.AppendLine($"table {table.Name}");
            foreach (var column in table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                text.AppendLine($"  column {column.Name} {column.StoreType} {(column.IsNullable ? "null" : "not null")} default={column.DefaultValueSql} computed={column.ComputedColumnSql} generated={column.ValueGenerated} collation={column.Collation}");
            }

            if (table.PrimaryKey is { } key)
            {
                text.AppendLine($"  primary key {key.Name} ({string.Join(", ", key.Columns.Select(c => c.Name))})");
            }

            foreach (var foreignKey in table.ForeignKeys.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                text.AppendLine($"  foreign key {foreignKey.Name} ({string.Join(", ", foreignKey.Columns.Select(c => c.Name))}) -> {foreignKey.PrincipalTable.Name} ({string.Join(", ", foreignKey.PrincipalColumns.Select(c => c.Name))}) on delete {foreignKey.OnDelete}");
            }

            foreach (var index in table.Indexes.OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                text.AppendLine($"  index {index.Name} ({string.Join(", ", index.Columns.Select(c => c?.Name))}) {(index.IsUnique ? "unique" : "")} filter={index.Filter}");
            }

            foreach (var unique in table.UniqueConstraints.OrderBy(u => u.Name, StringComparer.Ordinal))
            {
                text.AppendLine($"  unique {unique.Name} ({string.Join(", ", unique.Columns.Select(c => c.Name))})");
            }
        }

        foreach (var sequence in model.Sequences.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            text.AppendLine($"sequence {sequence.Name} {sequence.StoreType} start={sequence.StartValue} increment={sequence.IncrementBy}");
        }

        return text.ToString();
    }
}

#pragma warning disable EF1001 // The providers' design-time services are the documented way to read a schema back without the Design package.
public sealed class SchemaDriftTestsOnSqlite : SchemaDriftTests, IDisposable
{
    private readonly List<SqliteFile> _files = [];

    protected override Task<string> CreateDatabaseAsync(string name)
    {
        var file = new SqliteFile(name);
        _files.Add(file);
        return Task.FromResult(file.ConnectionString);
    }

    protected override DbContextOptions<DossiersDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<DossiersDbContext>().UseSqlite(connectionString).Options;

    protected override IDatabaseModelFactory ModelFactory()
    {
        var services = new ServiceCollection();
        new SqliteDesignTimeServices().ConfigureDesignTimeServices(services);
        return services.AddLogging().BuildServiceProvider().GetRequiredService<IDatabaseModelFactory>();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _files.ForEach(f => f.Dispose());
    }
}

public sealed class SchemaDriftTestsOnPostgres(PostgresCluster cluster) : SchemaDriftTests
{
    protected override Task<string> CreateDatabaseAsync(string name) => cluster.CreateDatabaseAsync(name);

    protected override DbContextOptions<DossiersDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<DossiersDbContext>().UseNpgsql(connectionString).Options;

    protected override IDatabaseModelFactory ModelFactory()
    {
        var services = new ServiceCollection();
        new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
        return services.AddLogging().BuildServiceProvider().GetRequiredService<IDatabaseModelFactory>();
    }
}
#pragma warning restore EF1001
