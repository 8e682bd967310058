using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.CommandLine;

/// <summary>
/// <c>officers list</c>: one line per officer, <c>&lt;user name&gt; &lt;full name&gt; &lt;role@unit,…&gt; [no password]</c>.
/// <c>officers set-password &lt;user name&gt;</c>: reads the new password from the first line of standard input (so it
/// never appears in the shell history or the process list) — how the first administrator of a production database gets in.
/// </summary>
internal static class OfficersCommands
{
    private const string Usage =
        "officers list | officers add <user name> \"<full name>\" --role <role>@<UNIT> [--role …] [--email <address>] [--subject <sub at the OpenID provider>] | officers set-password <user name>  (the password is read from standard input)";

    public static async Task<int> RunAsync(CommandContext command) => command.Args switch
    {
        ["list"] => await ListAsync(command),
        ["add", .. var rest] when CommandOptions.Parse(rest, "--role") is { Positional: [var userName, var fullName] } options
            && !string.IsNullOrWhiteSpace(userName) && !string.IsNullOrWhiteSpace(fullName) => await AddAsync(command, userName.Trim().ToLowerInvariant(), fullName.Trim(), options),
        ["set-password", var userName] when !string.IsNullOrWhiteSpace(userName) => await SetPasswordAsync(command, userName),
        _ => command.UsageError(Usage),
    };

    private static async Task<int> AddAsync(CommandContext command, string userName, string fullName, CommandOptions options)
    {
        var roles = new List<(string Role, string UnitCode)>();
        foreach (var value in options.Values("--role"))
        {
            var parts = value.Split('@', 2);
            if (parts.Length != 2 || !Roles.All.Contains(parts[0]))
            {
                await command.Error.WriteLineAsync($"--role: '{value}' is not <role>@<UNIT> with a role among {string.Join(", ", Roles.All)}.");
                return CommandLineApp.Usage;
            }

            roles.Add((parts[0], parts[1].Trim().ToUpperInvariant()));
        }

        if (roles.Count == 0)
        {
            await command.Error.WriteLineAsync("--role: give at least one role, e.g. --role administrator@HN.");
            return CommandLineApp.Usage;
        }

        await using var app = await CommandContext.StartServicesAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var (_, problems) = await scope.ServiceProvider.GetRequiredService<OfficerChanges>()
            .AddAsync(new OfficerDraft(userName, fullName, null, options.Value("--email"), null, roles) { ExternalSubject = options.Value("--subject") }, CancellationToken.None);
        foreach (var problem in problems)
        {
            await command.Error.WriteLineAsync(problem.Code switch
            {
                "UserNameInvalid" => "user name: use lower-case letters, digits, dots, dashes or underscores (2–100).",
                "UserNameTaken" => $"user name: an officer '{userName}' already exists; see: officers list.",
                "UnitUnknown" => $"--role: no unit has the code '{problem.Arguments[0]}'; see: units list.",
                "EmailInvalid" => "--email: not an e-mail address.",
                "ExternalSubjectTaken" => $"--subject: already linked to the officer '{problem.Arguments[0]}'.",
                _ => $"{problem.Field}: {problem.Code}",
            });
        }

        if (problems.Count > 0)
        {
            return CommandLineApp.Negative;
        }

        await command.Output.WriteLineAsync($"officer {userName} added; they sign in through single sign-on (if configured), or give them a password with: officers set-password {userName}");
        return CommandLineApp.Success;
    }

    private static async Task<int> ListAsync(CommandContext command)
    {
        await using var app = await CommandContext.StartServicesAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var officers = await db.Set<Officer>().AsNoTracking()
            .OrderBy(o => o.UserName)
            .Select(o => new
            {
                o.UserName,
                o.FullName,
                o.IsActive,
                Roles = o.Roles.Select(r => r.Role + "@" + r.Unit!.Code).ToList(),
                HasPassword = db.Set<OfficerCredential>().Any(c => c.OfficerId == o.Id),
            })
            .ToListAsync();
        foreach (var officer in officers)
        {
            var notes = (officer.HasPassword ? "" : " [no password]") + (officer.IsActive ? "" : " [inactive]");
            await command.Output.WriteLineAsync($"{officer.UserName} {officer.FullName} {string.Join(',', officer.Roles.Order(StringComparer.Ordinal))}{notes}");
        }

        return officers.Count > 0 ? CommandLineApp.Success : CommandLineApp.Negative;
    }

    private static async Task<int> SetPasswordAsync(CommandContext command, string userName)
    {
        var password = await command.Input.ReadLineAsync();
        var normalised = userName.Trim().ToLowerInvariant();
        switch (OfficerPasswords.Check(normalised, password))
        {
            case PasswordProblem.TooShort:
                await command.Error.WriteLineAsync($"password: give the new password on standard input, at least {OfficerPasswords.MinimumLength} characters.");
                return CommandLineApp.Usage;
            case PasswordProblem.SameAsUserName:
                await command.Error.WriteLineAsync("password: the password must not be the user name.");
                return CommandLineApp.Usage;
        }

        await using var app = await CommandContext.StartServicesAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var officer = await db.Set<Officer>().FirstOrDefaultAsync(o => o.UserName == normalised);
        if (officer is null)
        {
            await command.Error.WriteLineAsync($"user name: no officer is called '{normalised}'; see: officers list.");
            return CommandLineApp.Negative;
        }

        await scope.ServiceProvider.GetRequiredService<OfficerPasswords>().SetAsync(officer, password!);
        await command.Output.WriteLineAsync($"password set for {officer.UserName}; their other sessions end within {Authentication.AuthenticationSetup.RevalidationInterval.TotalMinutes:0} minutes.");
        return CommandLineApp.Success;
    }
}
