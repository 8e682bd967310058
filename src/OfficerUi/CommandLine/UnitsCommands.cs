using DossierWorkflow.Dossiers.Dossiers;
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

        if (string.IsNullOrEmpty(name) || code.Length == 0)
        {
            return command.UsageError(Usage);
        }

        await using var app = await CommandContext.StartServicesAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var (_, problems) = await scope.ServiceProvider.GetRequiredService<UnitChanges>()
            .AddAsync(new UnitDraft(code, name, kind, options.Value("--parent"), options.Value("--agency-code")), CancellationToken.None);
        foreach (var problem in problems)
        {
            await command.Error.WriteLineAsync(Message(problem));
        }

        if (problems.Count > 0)
        {
            return problems.Any(p => p.Code.EndsWith("Invalid", StringComparison.Ordinal)) ? CommandLineApp.Usage : CommandLineApp.Negative;
        }

        await command.Output.WriteLineAsync($"unit {code} added");
        return CommandLineApp.Success;
    }

    private static string Message(DossierProblem problem) => problem.Code switch
    {
        "CodeInvalid" => "code: use capital letters, digits, dots, dashes or underscores (up to 60), e.g. HN.HOANKIEM.",
        "CodeTaken" => $"code: a unit '{problem.Arguments[0]}' already exists; see: units list.",
        "NameRequired" or "NameTooLong" => $"name: give the unit's name (at most {UnitChanges.NameMaxLength} characters).",
        "AgencyCodeInvalid" => $"--agency-code: '{problem.Arguments[0]}' is not an agency code like 000.00.25.H26.",
        "AgencyCodeTaken" => $"--agency-code: '{problem.Arguments[0]}' is another unit's already; dossier codes would collide.",
        "ParentUnknown" => $"--parent: no unit has the code '{problem.Arguments[0]}'; see: units list.",
        _ => $"{problem.Field}: {problem.Code}",
    };
}
