using DossierWorkflow.Dossiers.DossierCodes;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Tests.DossierCodes;

public abstract class DossierCodeGeneratorTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    protected abstract Task<DbContextOptions<DossiersDbContext>> CreateDatabaseAsync();

    [Fact]
    public async Task Two_hundred_parallel_receptions_get_two_hundred_distinct_consecutive_codes()
    {
        var options = await MigratedDatabaseAsync();

        var codes = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => ReceiveAsync(options, "000.00.25.H12", Today))));

        Assert.Equal(200, codes.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 200), codes.Select(c => c.Sequence).Order());
        Assert.All(codes, c => Assert.Matches(@"^000\.00\.25\.H12-261122-\d{4}$", c.ToString()));
    }

    [Fact]
    public async Task Each_agency_and_day_counts_from_one()
    {
        var options = await MigratedDatabaseAsync();

        var first = await ReceiveAsync(options, "H12", Today);
        var second = await ReceiveAsync(options, "H12", Today);
        var otherAgency = await ReceiveAsync(options, "H13", Today);
        var nextDay = await ReceiveAsync(options, "H12", Today.AddDays(1));

        Assert.Equal([1, 2, 1, 1], [first.Sequence, second.Sequence, otherAgency.Sequence, nextDay.Sequence]);
    }

    [Fact]
    public async Task A_rolled_back_reception_gives_its_number_back()
    {
        var options = await MigratedDatabaseAsync();
        await using (var db = new DossiersDbContext(options))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await DossierCodeGenerator.NextAsync(db, "H12", Today, TestContext.Current.CancellationToken);
            await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        }

        var code = await ReceiveAsync(options, "H12", Today);

        Assert.Equal(1, code.Sequence);
    }

    [Fact]
    public async Task An_agency_code_with_a_dash_is_refused_with_the_reason()
    {
        var options = await MigratedDatabaseAsync();
        await using var db = new DossiersDbContext(options);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => DossierCodeGenerator.NextAsync(db, "H12-A", Today, TestContext.Current.CancellationToken));

        Assert.Contains("letters, digits and dots", error.Message);
    }

    private async Task<DbContextOptions<DossiersDbContext>> MigratedDatabaseAsync()
    {
        var options = await CreateDatabaseAsync();
        await using var db = new DossiersDbContext(options);
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return options;
    }

    private static async Task<DossierCode> ReceiveAsync(DbContextOptions<DossiersDbContext> options, string agency, DateOnly day)
    {
        await using var db = new DossiersDbContext(options);
        await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        var code = await DossierCodeGenerator.NextAsync(db, agency, day, TestContext.Current.CancellationToken);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        return code;
    }
}

public sealed class DossierCodeGeneratorTestsOnSqlite : DossierCodeGeneratorTests, IDisposable
{
    private readonly SqliteFile _file = new("codes");

    protected override Task<DbContextOptions<DossiersDbContext>> CreateDatabaseAsync() =>
        Task.FromResult(new DbContextOptionsBuilder<DossiersDbContext>().UseSqlite(_file.ConnectionString).Options);

    public void Dispose() => _file.Dispose();
}

public sealed class DossierCodeGeneratorTestsOnPostgres(PostgresCluster cluster) : DossierCodeGeneratorTests
{
    protected override async Task<DbContextOptions<DossiersDbContext>> CreateDatabaseAsync() =>
        new DbContextOptionsBuilder<DossiersDbContext>().UseNpgsql(await cluster.CreateDatabaseAsync("codes")).Options;
}
