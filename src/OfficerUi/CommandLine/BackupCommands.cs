using DossierWorkflow.Dossiers.Backups;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.CommandLine;

/// <summary>
/// <c>backup &lt;directory&gt;</c> writes the configured database and every stored file into a new directory, while the
/// app may go on serving; <c>restore &lt;directory&gt;</c> puts such a backup into the configured, empty database and
/// store, then applies the migrations of this release. Both print what the database holds.
/// </summary>
internal static class BackupCommands
{
    public static async Task<int> BackupAsync(CommandContext command)
    {
        if (command.Args is not [var target])
        {
            return command.UsageError("backup <directory>");
        }

        var directory = CommandContext.ResolvePath(target);
        await using var app = await CommandContext.StartServicesAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var manifest = await scope.ServiceProvider.GetRequiredService<Backups>().BackupAsync(directory, CancellationToken.None);
        await command.Output.WriteLineAsync($"backed up to {directory}: {manifest.Provider} database ({manifest.DatabaseFile}), {manifest.Attachments} file(s)");
        return CommandLineApp.Success;
    }

    public static async Task<int> RestoreAsync(CommandContext command)
    {
        if (command.Args is not [var source])
        {
            return command.UsageError("restore <directory>");
        }

        var directory = CommandContext.ResolvePath(source);
        await using (var app = await CommandContext.StartServicesAsync(initialise: false))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var manifest = await scope.ServiceProvider.GetRequiredService<Backups>().RestoreAsync(directory, CancellationToken.None);
            await command.Output.WriteLineAsync($"restored {directory} (made {manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC): {manifest.Attachments} file(s)");
        }

        // Migrated to this release as at start-up (a backup of an older release is upgraded here), then counted.
        await using var migrated = await CommandContext.StartServicesAsync();
        await using var counting = migrated.Services.CreateAsyncScope();
        var db = counting.ServiceProvider.GetRequiredService<DossiersDbContext>();
        await command.Output.WriteLineAsync(
            $"dossiers: {await db.Set<Dossier>().CountAsync()}, workflow journal entries: {await db.Set<StoredJournalEntry>().CountAsync()}");
        return CommandLineApp.Success;
    }
}
