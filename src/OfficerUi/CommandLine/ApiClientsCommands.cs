using DossierWorkflow.Dossiers.OnlineIntake;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.CommandLine;

/// <summary>
/// <c>api-clients add &lt;name&gt;</c> prints a new client's API key once (only its hash is stored);
/// <c>api-clients list</c> one line per client, <c>&lt;name&gt; &lt;created&gt; [revoked &lt;when&gt;]</c>;
/// <c>api-clients revoke &lt;name&gt;</c> ends the client's access at once.
/// </summary>
internal static class ApiClientsCommands
{
    private const string Usage = "api-clients list | api-clients add <name> | api-clients revoke <name>";

    public static async Task<int> RunAsync(CommandContext command)
    {
        switch (command.Args)
        {
            case ["list"]:
                return await ListAsync(command);
            case ["add", var name]:
                return await AddAsync(command, name.Trim());
            case ["revoke", var name]:
                return await RevokeAsync(command, name.Trim());
            default:
                return command.UsageError(Usage);
        }
    }

    private static async Task<int> ListAsync(CommandContext command)
    {
        await using var app = await CommandContext.StartServicesAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var clients = await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<ApiClient>().AsNoTracking().OrderBy(c => c.Name).ToListAsync();
        foreach (var client in clients)
        {
            await command.Output.WriteLineAsync($"{client.Name} {client.CreatedAt:yyyy-MM-dd}{(client.RevokedAt is { } revoked ? $" [revoked {revoked:yyyy-MM-dd HH:mm}]" : "")}");
        }

        return clients.Count > 0 ? CommandLineApp.Success : CommandLineApp.Negative;
    }

    private static async Task<int> AddAsync(CommandContext command, string name)
    {
        if (!ApiClient.IsValidName(name))
        {
            await command.Error.WriteLineAsync($"'{name}' cannot name a client: use 2–60 letters, digits, dots, dashes or underscores.");
            return CommandLineApp.Usage;
        }

        await using var app = await CommandContext.StartServicesAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        if (await db.Set<ApiClient>().AnyAsync(c => c.Name == name))
        {
            await command.Error.WriteLineAsync($"A client named '{name}' exists already; revoke it, or choose another name.");
            return CommandLineApp.Negative;
        }

        var (client, key) = ApiClient.Create(name, app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        db.Add(client);
        await db.SaveChangesAsync();
        await command.Output.WriteLineAsync(key);
        await command.Error.WriteLineAsync($"API client '{name}' added. Its key is printed above, once: give it to the client's operator; it cannot be shown again.");
        return CommandLineApp.Success;
    }

    private static async Task<int> RevokeAsync(CommandContext command, string name)
    {
        await using var app = await CommandContext.StartServicesAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var revoked = await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<ApiClient>()
            .Where(c => c.Name == name && c.RevokedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.RevokedAt, app.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
        if (revoked == 0)
        {
            await command.Error.WriteLineAsync($"No active API client is named '{name}'.");
            return CommandLineApp.Negative;
        }

        await command.Output.WriteLineAsync($"revoked {name}");
        return CommandLineApp.Success;
    }
}
