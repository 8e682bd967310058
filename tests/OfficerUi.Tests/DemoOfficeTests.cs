using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests;

/// <summary>The development run's demo office: dossiers of both demo communes in every state, made through the domain.</summary>
public abstract class DemoOfficeTests(OfficerUiApp app)
{
    [Fact]
    public async Task An_empty_database_gets_dossiers_in_every_state_that_the_officers_see()
    {
        var specialistPage = await (await app.CreateSignedInClientAsync("chuyenvien")).GetStringAsync("/Tasks", TestContext.Current.CancellationToken);

        await using var scope = app.Services.CreateAsyncScope();
        var dossiers = await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Dossier>().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(DemoApp.Count, dossiers.Count);
        Assert.Equal(["HN.HOANKIEM", "HN.SOCSON"], dossiers.Select(d => d.ReceivingUnit).Distinct().Order());
        DossierStatus[] expected = [DossierStatus.New, DossierStatus.Accepted, DossierStatus.Refused, DossierStatus.InProgress, DossierStatus.SupplementRequested, DossierStatus.Resolved, DossierStatus.ResultReturned];
        Assert.All(expected, status => Assert.Contains(dossiers, d => d.Status == status));
        Assert.Contains(dossiers, d => d.Status is DossierStatus.Accepted or DossierStatus.InProgress && d.AppointmentAt < DateTimeOffset.UtcNow);
        Assert.Contains("data-task=", specialistPage);
    }
}

/// <summary>A host that seeds the demo office, as the development run does (with fewer dossiers).</summary>
public sealed class DemoApp
{
    public const int Count = 60;
}

public sealed class DemoSqliteApp : SqliteApp
{
    protected override int DemoDossiers => DemoApp.Count;
}

public sealed class DemoPostgresApp(DossierWorkflow.Testing.PostgresCluster cluster) : PostgresApp(cluster)
{
    protected override int DemoDossiers => DemoApp.Count;
}

public sealed class DemoOfficeTestsOnSqlite(DemoSqliteApp app) : DemoOfficeTests(app), IClassFixture<DemoSqliteApp>;

public sealed class DemoOfficeTestsOnPostgres(DemoPostgresApp app) : DemoOfficeTests(app), IClassFixture<DemoPostgresApp>;
