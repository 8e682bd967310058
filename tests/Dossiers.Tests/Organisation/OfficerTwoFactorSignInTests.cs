using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine.Testing;
using DossierWorkflow.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Tests.Organisation;

/// <summary>Two-factor sign-in: enrolment confirmed by a code, codes used once, recovery codes, the lockout, the secret at rest.</summary>
public abstract class OfficerTwoFactorSignInTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-07T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly EphemeralDataProtectionProvider _protection = new();

    protected abstract Task<DbContextOptions<DossiersDbContext>> CreateDatabaseAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_enrolment_is_on_only_once_confirmed_with_a_code_and_gives_ten_recovery_codes()
    {
        await using var db = await SeededAsync();
        var service = Service(db);
        var officer = await db.Set<Officer>().SingleAsync(o => o.UserName == "quantri", Cancel);

        var enrolment = (await service.BeginAsync(officer.Id, officer.UserName, Cancel))!;
        var again = (await service.BeginAsync(officer.Id, officer.UserName, Cancel))!;
        Assert.False(await service.IsEnabledAsync(officer.Id, Cancel));
        Assert.Equal(enrolment, again);
        Assert.Equal(TwoFactorStatus.Failed, (await service.ConfirmAsync(officer.Id, "000000", Cancel)).Check.Status);

        var (check, codes) = await service.ConfirmAsync(officer.Id, CodeOf(enrolment.Key), Cancel);

        Assert.Equal(TwoFactorStatus.Succeeded, check.Status);
        Assert.True(await service.IsEnabledAsync(officer.Id, Cancel));
        Assert.Equal(OfficerTwoFactorSignIn.RecoveryCodeCount, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-z2-9]{5}-[a-z2-9]{5}$", c));
        Assert.Null(await service.BeginAsync(officer.Id, officer.UserName, Cancel));

        // At rest: neither the secret nor a recovery code in the clear.
        var stored = await db.Set<OfficerTwoFactor>().AsNoTracking().SingleAsync(t => t.OfficerId == officer.Id, Cancel);
        Assert.DoesNotContain(enrolment.Key, stored.ProtectedSecret, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(codes[0].Replace("-", "", StringComparison.Ordinal), stored.RecoveryCodeHashes, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_code_works_once_and_a_recovery_code_once()
    {
        await using var db = await SeededAsync();
        var service = Service(db);
        var (id, key, codes) = await EnrolledAsync(db, service, "lanhdao");
        _time.Advance(TimeSpan.FromMinutes(1));
        var code = CodeOf(key);

        Assert.Equal(TwoFactorStatus.Succeeded, (await service.VerifyAsync(id, code, Cancel)).Status);
        Assert.Equal(TwoFactorStatus.Failed, (await service.VerifyAsync(id, code, Cancel)).Status);
        var recovered = await service.VerifyAsync(id, codes[3].ToUpperInvariant(), Cancel);
        Assert.Equal((TwoFactorStatus.Succeeded, true), (recovered.Status, recovered.UsedRecoveryCode));
        Assert.Equal(TwoFactorStatus.Failed, (await service.VerifyAsync(id, codes[3], Cancel)).Status);
        Assert.Equal(OfficerTwoFactorSignIn.RecoveryCodeCount - 1, await service.RecoveryCodesLeftAsync(id, Cancel));
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_second_step_even_for_the_right_code_for_fifteen_minutes()
    {
        await using var db = await SeededAsync();
        var service = Service(db);
        var (id, key, _) = await EnrolledAsync(db, service, "chuyenvien");
        _time.Advance(TimeSpan.FromMinutes(1));

        for (var attempt = 1; attempt < OfficerPasswords.MaximumFailedAttempts; attempt++)
        {
            Assert.Equal(TwoFactorStatus.Failed, (await service.VerifyAsync(id, "123456", Cancel)).Status);
        }

        Assert.Equal(TwoFactorStatus.LockedOut, (await service.VerifyAsync(id, "123456", Cancel)).Status);
        Assert.Equal(TwoFactorStatus.LockedOut, (await service.VerifyAsync(id, CodeOf(key), Cancel)).Status);
        _time.Advance(OfficerPasswords.LockoutDuration);
        Assert.Equal(TwoFactorStatus.Succeeded, (await service.VerifyAsync(id, CodeOf(key), Cancel)).Status);
    }

    [Fact]
    public async Task Switched_off_it_forgets_the_secret_and_new_recovery_codes_replace_the_old()
    {
        await using var db = await SeededAsync();
        var service = Service(db);
        var (id, _, codes) = await EnrolledAsync(db, service, "tiepnhan");

        var renewed = await service.RenewRecoveryCodesAsync(id, Cancel);
        Assert.Equal(TwoFactorStatus.Failed, (await service.VerifyAsync(id, codes[0], Cancel)).Status);
        Assert.Equal(TwoFactorStatus.Succeeded, (await service.VerifyAsync(id, renewed[0], Cancel)).Status);

        await service.DisableAsync(id, Cancel);

        Assert.False(await service.IsEnabledAsync(id, Cancel));
        Assert.False(await db.Set<OfficerTwoFactor>().AnyAsync(t => t.OfficerId == id, Cancel));
    }

    private OfficerTwoFactorSignIn Service(DossiersDbContext db) => new(db, _protection, _time);

    private async Task<(int Id, string Key, IReadOnlyList<string> Codes)> EnrolledAsync(DossiersDbContext db, OfficerTwoFactorSignIn service, string userName)
    {
        var officer = await db.Set<Officer>().SingleAsync(o => o.UserName == userName, Cancel);
        var enrolment = (await service.BeginAsync(officer.Id, officer.UserName, Cancel))!;
        var (_, codes) = await service.ConfirmAsync(officer.Id, CodeOf(enrolment.Key), Cancel);
        return (officer.Id, enrolment.Key, codes);
    }

    /// <summary>The code the officer's app shows now for a Base32 key.</summary>
    private string CodeOf(string key) => Totp.Code(Base32.Decode(key), Totp.StepAt(_time.GetUtcNow()));

    private async Task<DossiersDbContext> SeededAsync()
    {
        var db = new DossiersDbContext(await CreateDatabaseAsync());
        await db.Database.MigrateAsync(Cancel);
        await DemoOrganisation.SeedAsync(db, _time, Cancel);
        return db;
    }
}

public sealed class OfficerTwoFactorSignInTestsOnSqlite : OfficerTwoFactorSignInTests, IDisposable
{
    private readonly List<SqliteFile> _files = [];

    protected override Task<DbContextOptions<DossiersDbContext>> CreateDatabaseAsync()
    {
        var file = new SqliteFile("two-factor");
        _files.Add(file);
        return Task.FromResult(new DbContextOptionsBuilder<DossiersDbContext>().UseSqlite(file.ConnectionString).Options);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _files.ForEach(f => f.Dispose());
    }
}

public sealed class OfficerTwoFactorSignInTestsOnPostgres(PostgresCluster cluster) : OfficerTwoFactorSignInTests
{
    protected override async Task<DbContextOptions<DossiersDbContext>> CreateDatabaseAsync() =>
        new DbContextOptionsBuilder<DossiersDbContext>().UseNpgsql(await cluster.CreateDatabaseAsync("twofactor")).Options;
}
