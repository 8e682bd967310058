using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.DossierCodes;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Tests.Organisation;

public abstract class DemoOrganisationTests
{
    protected abstract Task<DbContextOptions<DossiersDbContext>> CreateDatabaseAsync();

    [Fact]
    public async Task The_demo_has_a_province_two_communes_with_departments_and_an_officer_per_role()
    {
        var options = await SeededAsync();
        await using var db = new DossiersDbContext(options);

        var units = await db.Set<Unit>().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var province = Assert.Single(units, u => u.Kind == UnitKind.Province);
        var communes = units.Where(u => u.Kind == UnitKind.Commune).ToList();
        var roles = await db.Set<OfficerRole>().Select(r => r.Role).Distinct().ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, communes.Count);
        Assert.All(communes, c => Assert.Equal(province.Id, c.ParentId));
        Assert.All(communes, c => Assert.Contains(units, u => u.ParentId == c.Id && u.Kind == UnitKind.Department));
        Assert.All(communes, c => Assert.True(DossierCode.IsValidAgencyCode(c.AgencyCode)));
        Assert.DoesNotContain(units, u => u.Kind == UnitKind.District);
        Assert.Equal(Roles.All.Order(), roles.Order());
    }

    [Fact]
    public async Task Seeding_twice_adds_nothing()
    {
        var options = await SeededAsync();
        await using var db = new DossiersDbContext(options);
        var before = await db.Set<Unit>().CountAsync(TestContext.Current.CancellationToken);

        await DemoOrganisation.SeedAsync(db, TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Equal(before, await db.Set<Unit>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_specialists_of_a_commune_are_found_through_its_department_scope()
    {
        var options = await SeededAsync();
        await using var db = new DossiersDbContext(options);
        var units = await db.Set<Unit>().ToListAsync(TestContext.Current.CancellationToken);
        var hoanKiem = units.Single(u => u.Code == "HN.HOANKIEM");

        var office = UnitScopes.Resolve("department:VP", hoanKiem, units).Unit!;
        var specialists = await db.Set<Officer>()
            .Where(o => o.Roles.Any(r => r.UnitId == office.Id && r.Role == Roles.Specialist))
            .Select(o => o.FullName)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["Trần Văn Minh"], specialists);
    }

    [Fact]
    public async Task An_administrators_calendar_override_is_in_force_after_a_reload()
    {
        var options = await SeededAsync();
        var makeUpSaturday = new DateOnly(2027, 1, 9);
        var calendar = new CurrentWorkingCalendar();
        await using var db = new DossiersDbContext(options);
        await CurrentWorkingCalendar.SeedOfficialOverridesAsync(db, TestContext.Current.CancellationToken);
        await calendar.ReloadAsync(db, TestContext.Current.CancellationToken);
        Assert.False(calendar.IsWorkingDay(makeUpSaturday));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 5, 2)));

        db.Add(new CalendarDay(makeUpSaturday, true, "Làm bù cho thứ Sáu 02/01/2027"));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await calendar.ReloadAsync(db, TestContext.Current.CancellationToken);

        Assert.True(calendar.IsWorkingDay(makeUpSaturday));
    }

    private async Task<DbContextOptions<DossiersDbContext>> SeededAsync()
    {
        var options = await CreateDatabaseAsync();
        await using var db = new DossiersDbContext(options);
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        await DemoOrganisation.SeedAsync(db, TimeProvider.System, TestContext.Current.CancellationToken);
        return options;
    }
}

public sealed class DemoOrganisationTestsOnSqlite : DemoOrganisationTests, IDisposable
{
    private readonly List<SqliteFile> _files = [];

    protected override Task<DbContextOptions<DossiersDbContext>> CreateDatabaseAsync()
    {
        var file = new SqliteFile("organisation");
        _files.Add(file);
        return Task.FromResult(new DbContextOptionsBuilder<DossiersDbContext>().UseSqlite(file.ConnectionString).Options);
    }

    public void Dispose() => _files.ForEach(f => f.Dispose());
}

public sealed class DemoOrganisationTestsOnPostgres(PostgresCluster cluster) : DemoOrganisationTests
{
    protected override async Task<DbContextOptions<DossiersDbContext>> CreateDatabaseAsync() =>
        new DbContextOptionsBuilder<DossiersDbContext>().UseNpgsql(await cluster.CreateDatabaseAsync("organisation")).Options;
}
