using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine.Testing;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Tests.Organisation;

public abstract class OfficerPasswordsTests
{
    private readonly FakeTimeProvider _time = new();

    protected abstract Task<DbContextOptions<DossiersDbContext>> CreateDatabaseAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_demo_officer_signs_in_with_the_demo_password_whatever_the_case_of_the_user_name()
    {
        await using var db = await SeededAsync();

        var result = await new OfficerPasswords(db, _time).VerifyAsync(" TiepNhan ", DemoOrganisation.DemoPassword, Cancel);

        Assert.Equal(PasswordSignInStatus.Succeeded, result.Status);
        Assert.Equal("tiepnhan", result.Officer!.UserName);
        Assert.Contains(result.Officer.Roles, r => r.Role == Roles.Reception && r.Unit!.Code == "HN.HOANKIEM");
        Assert.False(string.IsNullOrEmpty(result.SecurityStamp));
    }

    [Fact]
    public async Task An_unknown_user_name_fails_exactly_like_a_wrong_password()
    {
        await using var db = await SeededAsync();
        var passwords = new OfficerPasswords(db, _time);

        Assert.Equal(PasswordSignInStatus.Failed, (await passwords.VerifyAsync("nobody", DemoOrganisation.DemoPassword, Cancel)).Status);
        Assert.Equal(PasswordSignInStatus.Failed, (await passwords.VerifyAsync("tiepnhan", "wrong-password", Cancel)).Status);
    }

    [Fact]
    public async Task The_fifth_wrong_password_locks_the_account_out_for_fifteen_minutes_even_for_the_right_password()
    {
        await using var db = await SeededAsync();
        var passwords = new OfficerPasswords(db, _time);

        for (var attempt = 1; attempt < OfficerPasswords.MaximumFailedAttempts; attempt++)
        {
            Assert.Equal(PasswordSignInStatus.Failed, (await passwords.VerifyAsync("chuyenvien", "wrong-password", Cancel)).Status);
        }

        var fifth = await passwords.VerifyAsync("chuyenvien", "wrong-password", Cancel);
        Assert.Equal(PasswordSignInStatus.LockedOut, fifth.Status);
        Assert.Equal(_time.GetUtcNow() + OfficerPasswords.LockoutDuration, fifth.LockedOutUntil);

        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(PasswordSignInStatus.LockedOut, (await passwords.VerifyAsync("chuyenvien", DemoOrganisation.DemoPassword, Cancel)).Status);

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(PasswordSignInStatus.Succeeded, (await passwords.VerifyAsync("chuyenvien", DemoOrganisation.DemoPassword, Cancel)).Status);
    }

    [Fact]
    public async Task An_unknown_user_name_is_locked_out_exactly_like_a_known_one()
    {
        await using var db = await SeededAsync();
        var passwords = new OfficerPasswords(db, _time);

        List<(PasswordSignInStatus, DateTimeOffset?)> known = [];
        List<(PasswordSignInStatus, DateTimeOffset?)> unknown = [];
        for (var attempt = 1; attempt <= OfficerPasswords.MaximumFailedAttempts + 1; attempt++)
        {
            var forKnown = await passwords.VerifyAsync("chuyenvien", "wrong-password", Cancel);
            var forUnknown = await passwords.VerifyAsync(" NoBody.Here ", "wrong-password", Cancel);
            known.Add((forKnown.Status, forKnown.LockedOutUntil));
            unknown.Add((forUnknown.Status, forUnknown.LockedOutUntil));
        }

        Assert.Equal(known, unknown);
        Assert.Equal(PasswordSignInStatus.LockedOut, unknown[^1].Item1);
        Assert.Equal(OfficerPasswords.MaximumFailedAttempts - 1, unknown.Count(r => r.Item1 == PasswordSignInStatus.Failed));

        _time.Advance(OfficerPasswords.LockoutDuration + TimeSpan.FromSeconds(1));
        Assert.Equal(PasswordSignInStatus.Failed, (await passwords.VerifyAsync("nobody.here", "wrong-password", Cancel)).Status);
    }

    [Fact]
    public async Task A_successful_sign_in_resets_the_count_of_wrong_passwords()
    {
        await using var db = await SeededAsync();
        var passwords = new OfficerPasswords(db, _time);
        for (var attempt = 1; attempt < OfficerPasswords.MaximumFailedAttempts; attempt++)
        {
            await passwords.VerifyAsync("lanhdao", "wrong-password", Cancel);
        }

        await passwords.VerifyAsync("lanhdao", DemoOrganisation.DemoPassword, Cancel);

        Assert.Equal(PasswordSignInStatus.Failed, (await passwords.VerifyAsync("lanhdao", "wrong-password", Cancel)).Status);
    }

    [Fact]
    public async Task A_new_password_replaces_the_old_one_and_changes_the_security_stamp()
    {
        await using var db = await SeededAsync();
        var passwords = new OfficerPasswords(db, _time);
        var before = await passwords.VerifyAsync("quantri", DemoOrganisation.DemoPassword, Cancel);

        await passwords.SetAsync(before.Officer!, "một mật khẩu mới", Cancel);

        Assert.Equal(PasswordSignInStatus.Failed, (await passwords.VerifyAsync("quantri", DemoOrganisation.DemoPassword, Cancel)).Status);
        var after = await passwords.VerifyAsync("quantri", "một mật khẩu mới", Cancel);
        Assert.Equal(PasswordSignInStatus.Succeeded, after.Status);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
    }

    [Fact]
    public async Task A_deactivated_officer_cannot_sign_in()
    {
        await using var db = await SeededAsync();
        var officer = await db.Set<Officer>().SingleAsync(o => o.UserName == "vanthu", Cancel);
        officer.IsActive = false;
        await db.SaveChangesAsync(Cancel);

        var result = await new OfficerPasswords(db, _time).VerifyAsync("vanthu", DemoOrganisation.DemoPassword, Cancel);

        Assert.Equal(PasswordSignInStatus.Inactive, result.Status);
        Assert.Null(result.Officer);
    }

    [Theory]
    [InlineData("short", PasswordProblem.TooShort)]
    [InlineData("Quantri ", PasswordProblem.SameAsUserName)]
    [InlineData("a long enough password", null)]
    public void Passwords_that_are_too_short_or_the_user_name_are_refused(string password, PasswordProblem? expected) =>
        Assert.Equal(expected, OfficerPasswords.Check("quantri", password));

    [Fact]
    public async Task Seeding_the_demo_again_keeps_a_changed_demo_password()
    {
        await using var db = await SeededAsync();
        var passwords = new OfficerPasswords(db, _time);
        var officer = await db.Set<Officer>().SingleAsync(o => o.UserName == "quanly", Cancel);
        await passwords.SetAsync(officer, "mật khẩu riêng của tôi", Cancel);

        await DemoOrganisation.SeedAsync(db, _time, Cancel);

        Assert.Equal(PasswordSignInStatus.Succeeded, (await passwords.VerifyAsync("quanly", "mật khẩu riêng của tôi", Cancel)).Status);
    }

    private async Task<DossiersDbContext> SeededAsync()
    {
        var db = new DossiersDbContext(await CreateDatabaseAsync());
        await db.Database.MigrateAsync(Cancel);
        await DemoOrganisation.SeedAsync(db, _time, Cancel);
        return db;
    }
}

public sealed class OfficerPasswordsTestsOnSqlite : OfficerPasswordsTests, IDisposable
{
    private readonly List<SqliteFile> _files = [];

    protected override Task<DbContextOptions<DossiersDbContext>> CreateDatabaseAsync()
    {
        var file = new SqliteFile("passwords");
        _files.Add(file);
        return Task.FromResult(new DbContextOptionsBuilder<DossiersDbContext>().UseSqlite(file.ConnectionString).Options);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _files.ForEach(f => f.Dispose());
    }
}

public sealed class OfficerPasswordsTestsOnPostgres(PostgresCluster cluster) : OfficerPasswordsTests
{
    protected override async Task<DbContextOptions<DossiersDbContext>> CreateDatabaseAsync() =>
        new DbContextOptionsBuilder<DossiersDbContext>().UseNpgsql(await cluster.CreateDatabaseAsync("passwords")).Options;
}
