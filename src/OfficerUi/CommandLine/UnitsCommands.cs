using DossierWorkflow.Dossiers.DossierCodes;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.CommandLine;

/// <summary>
/// <c>units list</c>: one line per unit, <c>&lt;code&gt; &lt;kind&gt; &lt;agency code or -&gt; &lt;name&gt;</c>, parents first.
/// <c>units add &lt;CODE&gt; "&lt;name&gt;" --kind province|commune|department|district [--parent &lt;CODE&gt;] [--agency-code &lt;code&gt;]</c>:
/// how a production database gets its organisation before an administrator can sign in.
/// </summary>
internal static class UnitsCommands
{
    private const string Usage = "units list | units add <CODE> \"<name>\" --kind province|commune|department|district [--parent <CODE>] [--agency-code <code>]";

    public static async Task<int> RunAsync(CommandContext command)
    {
        switch (command.Args)
        {
            case ["list"]:
                return await ListAsync(command);
            case ["add", .. var rest] when CommandOptions.Parse(rest) is { Positional: [var code, var name] } options:
                return await AddAsync(command, code.Trim().ToUpperInvariant(), name.Trim(), options);
            default:
                return command.UsageError(Usage);
        }
    }

    private static async Task<int> ListAsync(CommandContext command)
    {
        await using var app = await CommandContext.StartServicesAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var units = await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Unit>().AsNoTracking().ToListAsync();
        foreach (var unit in units.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            await command.Output.WriteLineAsync($"{unit.Code} {unit.Kind.ToString().ToLowerInvariant()} {unit.AgencyCode ?? "-"} {unit.Name}");
        }

        return units.Count > 0 ? CommandLineApp.Success : CommandLineApp.Negative;
    }

    private static async Task<int> AddAsync(CommandContext command, string code, string name, CommandOptions options)
    {
        if (!Enum.TryParse<UnitKind>(options.Value("--kind"), ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            await command.Error.WriteLineAsync($"--kind: give one of province, commune, department, district.");
            return CommandLineApp.Usage;
        }

        var agencyCode = options.Value("--agency-code");
        if (agencyCode is not null && !DossierCode.IsValidAgencyCode(agencyCode))
        {
            await command.Error.WriteLineAsync($"--agency-code: '{agencyCode}' is not an agency code like 000.00.25.H26.");
            return CommandLineApp.Usage;
        }

        if (string.IsNullOrEmpty(name) || code.Length == 0)
        {
            return command.UsageError(Usage);
        }

        await using var app = await CommandContext.StartServicesAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        if (await db.Set<Unit>().AnyAsync(u => u.Code == code))
        {
            await command.Error.WriteLineAsync($"code: a unit '{code}' already exists; see: units list.");
            return CommandLineApp.Negative;
        }

        Unit? parent = null;
        if (options.Value("--parent") is { } parentCode)
        {
            parent = await db.Set<Unit>().FirstOrDefaultAsync(u => u.Code == parentCode.Trim().ToUpperInvariant());
            if (parent is null)
            {
                await command.Error.WriteLineAsync($"--parent: no unit has the code '{parentCode}'; see: units list.");
                return CommandLineApp.Negative;
            }
        }

        db.Add(new Unit { Code = code, Name = name, Kind = kind, Parent = parent, AgencyCode = agencyCode });
        await db.SaveChangesAsync();
        await command.Output.WriteLineAsync($"unit {code} added");
        return CommandLineApp.Success;
    }
}
