using System.Globalization;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Calendar;

namespace DossierWorkflow.OfficerUi.CommandLine;

/// <summary>
/// <c>deadlines compute --procedure &lt;code&gt; --received &lt;yyyy-MM-ddTHH:mm&gt; [--channel counter|online|postal]</c>:
/// prints the appointment as <c>yyyy-MM-dd HH:mm</c> (office time), counted on the working calendar of the configured
/// database, so the administrator's swapped days and make-up working days apply.
/// </summary>
internal static class DeadlinesCommands
{
    private const string ComputeUsage = "deadlines compute --procedure <code> --received <yyyy-MM-ddTHH:mm> [--channel counter|online|postal]";

    public static async Task<int> RunAsync(CommandContext command)
    {
        if (command.Args is not ["compute", .. var options] || CommandOptions.Parse(options) is not { Positional: [] } parsed || parsed.Single() is not { } values
            || !values.TryGetValue("--procedure", out var code) || !values.TryGetValue("--received", out var receivedText))
        {
            return command.UsageError(ComputeUsage);
        }

        if (!DateTime.TryParseExact(receivedText, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var receivedLocal))
        {
            command.Error.WriteLine($"--received: '{receivedText}' is not a date and time like 2026-11-22T09:30 (office time).");
            return CommandLineApp.Usage;
        }

        var channel = ReceptionChannel.Counter;
        if (values.TryGetValue("--channel", out var channelText) && !Enum.TryParse(channelText, ignoreCase: true, out channel))
        {
            command.Error.WriteLine($"--channel: '{channelText}' is not one of counter, online, postal.");
            return CommandLineApp.Usage;
        }

        var procedure = ProcedureCatalogue.LoadEmbedded().FindByCode(code);
        if (procedure is null)
        {
            command.Error.WriteLine($"--procedure: no procedure has the code '{code}'; find codes with: catalogue search \"<text>\".");
            return CommandLineApp.Negative;
        }

        var calendar = await LoadCalendarAsync();
        var receivedAt = calendar.At(DateOnly.FromDateTime(receivedLocal), TimeOnly.FromDateTime(receivedLocal));
        var version = procedure.VersionOn(DateOnly.FromDateTime(receivedLocal));
        if (version is null)
        {
            command.Error.WriteLine($"--received: procedure {procedure.Code} was not in force on {receivedLocal:yyyy-MM-dd}.");
            return CommandLineApp.Negative;
        }

        var deadline = new DeadlineCalculator(calendar).Compute(receivedAt, version.ProcessingTime.ToProcessingTime(), channel);
        command.Output.WriteLine(calendar.ToLocal(deadline.AppointmentDate).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        return CommandLineApp.Success;
    }

    /// <summary>The calendar in force in the configured database (migrated and seeded like at start-up).</summary>
    private static async Task<VietnameseWorkingCalendar> LoadCalendarAsync()
    {
        await using var app = await CommandContext.StartServicesAsync();
        return app.Services.GetRequiredService<CurrentWorkingCalendar>().Calendar;
    }
}
