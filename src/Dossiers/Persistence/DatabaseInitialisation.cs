using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Dossiers.Persistence;

/// <summary>Start-up work on the database: migrations, reference data, demo data, the calendar, the catalogue's workflows.</summary>
public static class DatabaseInitialisation
{
    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = provider.GetRequiredService<DossiersDbContext>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitialisation));

        if (options.MigrateOnStartup)
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                // Write-ahead logging lets pages be read while a dossier is being written; the mode is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", cancellationToken);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count, options.Provider, pending);
                try
                {
                    await db.Database.MigrateAsync(cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Each migration runs in its own transaction: the one that failed left nothing behind, the ones before it stay.
                    string? applied;
                    try
                    {
                        applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault() ?? "no migration";
                    }
                    catch (Exception unreadable) when (unreadable is not OperationCanceledException)
                    {
                        applied = null;
                    }

                    var message = $"The database could not be upgraded to this release: {exception.GetBaseException().Message} Nothing of the failed migration "
                        + $"was applied; the database stays at {applied ?? "the last migration applied before it (it could not be read)"}. Mend the cause (or restore the backup taken before the upgrade) and start again.";
                    logger.LogCritical(exception, "{Message}", message);
                    throw new InvalidOperationException(message);
                }
            }
        }

        await FoldApplicantNamesAsync(db, cancellationToken);

        await CurrentWorkingCalendar.SeedOfficialOverridesAsync(db, cancellationToken);
        if (provider.GetRequiredService<IOptions<SeedingOptions>>().Value.DemoData)
        {
            await DemoOrganisation.SeedAsync(db, provider.GetRequiredService<TimeProvider>(), cancellationToken);
        }

        await provider.GetRequiredService<CurrentWorkingCalendar>().ReloadAsync(db, cancellationToken);
        var deployed = await CatalogueDeployment.DeployAsync(
            provider.GetRequiredService<IWorkflowEngine>(), db, provider.GetRequiredService<ProcedureCatalogue>(), cancellationToken);
        var audit = provider.GetRequiredService<AuditJournal>();
        foreach (var version in deployed.Where(d => d.Created))
        {
            audit.Add(new AuditRecord("system", AuditActions.DefinitionDeployed) { Subject = $"{version.Key} v{version.Version}", After = new { version.ContentHash } });
        }

        await db.SaveChangesAsync(cancellationToken);
        if (provider.GetRequiredService<IOptions<SeedingOptions>>().Value is { DemoData: true, DemoDossiers: > 0 } seeding)
        {
            await DemoDossiers.SeedAsync(services, seeding.DemoDossiers, cancellationToken);
        }
    }

    /// <summary>
    /// Gives the dossiers saved before the folded applicant name existed (migration <c>DossierSearch</c>) their folded
    /// name, derived from the name when a dossier is saved: in batches, at start-up; once they have it, an index lookup
    /// that finds none.
    /// </summary>
    private static async Task FoldApplicantNamesAsync(DossiersDbContext db, CancellationToken cancellationToken)
    {
        while (await db.Set<Dossier>().Where(d => d.Applicant.NameFolded == "" && d.Applicant.Name != "").Take(500).ToListAsync(cancellationToken) is { Count: > 0 } batch)
        {
            foreach (var dossier in batch)
            {
                // The folded name is read from the name, so loading it already shows the new value: say it changed.
                db.Entry(dossier.Applicant).Property(a => a.NameFolded).IsModified = true;
            }

            var saved = await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (saved == 0 || batch.Count < 500)
            {
                break;
            }
        }
    }
}

/// <summary>The <c>Seeding</c> section: what to put into an empty database besides reference data.</summary>
public sealed class SeedingOptions
{
    public const string SectionName = "Seeding";

    /// <summary>The demo organisation and officers (on for the zero-setup development run, off in production).</summary>
    public bool DemoData { get; set; }

    /// <summary>With <see cref="DemoData"/>: how many demo dossiers in every state an empty database gets (none by default).</summary>
    public int DemoDossiers { get; set; }
}