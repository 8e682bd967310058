using System.Globalization;
using System.Resources;
using System.Security.Cryptography;
using System.Text;
using DossierWorkflow.Dossiers.Notifications;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Dossiers.Citizens;

/// <summary>
/// Sends one-time codes to a citizen's e-mail address or mobile number (through the notification channels, at once: the
/// citizen is waiting for it) and checks them. Sending is limited per destination — one code a minute, five an hour —
/// so that nobody can flood a stranger's inbox or phone through the portal; a code allows five tries.
/// </summary>
public sealed partial class OneTimeCodes(
    DossiersDbContext db, EmailChannel email, SmsChannel sms, IOptions<CitizenAccountOptions> options, TimeProvider time, ILogger<OneTimeCodes> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(1);
    public const int MaximumPerHour = 5;
    public const int MaximumAttempts = 5;

    private static readonly ResourceManager Texts = new("DossierWorkflow.Dossiers.Notifications.NotificationTexts", typeof(OneTimeCodes).Assembly);

    /// <summary>
    /// Sends a new code for <paramref name="purpose"/> to <paramref name="destination"/> (the account's address or
    /// number) and records it; earlier codes of that purpose stop working. Returns why not when it was not sent.
    /// </summary>
    public async Task<OneTimeCodeProblem?> SendAsync(CitizenAccount account, OneTimeCodePurpose purpose, string destination, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await TooSoonAsync(destination, cancellationToken))
        {
            return OneTimeCodeProblem.TooSoon;
        }

        var isEmail = destination.Contains('@', StringComparison.Ordinal);
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
        var culture = NoticeTemplates.CultureOf(account.Language);
        var text = Text($"Code.{purpose}", culture, code, (int)Lifetime.TotalMinutes);
        try
        {
            if (isEmail && email.IsEnabled)
            {
                await email.SendAsync(new EmailMessage(destination, account.FullName, Text("Code.Subject", culture, code), text, $"code:{Guid.CreateVersion7(now):N}"), cancellationToken);
            }
            else if (!isEmail && sms.IsEnabled)
            {
                await sms.SendAsync(new SmsMessage(destination, Definitions.Catalogue.SearchText.RemoveDiacritics(text), $"code:{Guid.CreateVersion7(now):N}"), cancellationToken);
            }
            else if (options.Value.LogCodes)
            {
                LogCode(logger, purpose, code);
            }
            else
            {
                return OneTimeCodeProblem.ChannelUnavailable;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotSent(logger, exception, purpose);
            return OneTimeCodeProblem.NotSent;
        }

        await db.Set<OneTimeCode>().Where(c => c.AccountId == account.Id && c.Purpose == purpose && c.UsedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken);
        var id = Guid.CreateVersion7(now);
        db.Add(new OneTimeCode
        {
            Id = id,
            AccountId = account.Id,
            Purpose = purpose,
            Destination = destination,
            CodeHash = Hash(id, code),
            SentAt = now,
            ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Whether a code went to <paramref name="destination"/> less than a minute ago, or five this hour.</summary>
    public async Task<bool> TooSoonAsync(string destination, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recent = await db.Set<OneTimeCode>().Where(c => c.Destination == destination && c.SentAt > now.AddHours(-1)).Select(c => c.SentAt).ToListAsync(cancellationToken);
        return recent.Count >= MaximumPerHour || recent.Any(sent => sent > now - ResendAfter);
    }

    /// <summary>
    /// Checks a typed code against the account's latest code for <paramref name="purpose"/>, and uses it up when right.
    /// A wrong one counts; after <see cref="MaximumAttempts"/> the code is dead and a new one must be asked for.
    /// </summary>
    public async Task<OneTimeCodeProblem?> UseAsync(Guid accountId, OneTimeCodePurpose purpose, string? typed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var code = await db.Set<OneTimeCode>().AsNoTracking().Where(c => c.AccountId == accountId && c.Purpose == purpose && c.UsedAt == null)
            .OrderByDescending(c => c.SentAt).FirstOrDefaultAsync(cancellationToken);
        if (code is null || code.ExpiresAt <= now || code.Attempts >= MaximumAttempts)
        {
            return OneTimeCodeProblem.Expired;
        }

        // Every try is counted before the code is compared, in one statement that also refuses a dead code: tries sent
        // at once cannot all see a count below the limit.
        var counted = await db.Set<OneTimeCode>().Where(c => c.Id == code.Id && c.UsedAt == null && c.Attempts < MaximumAttempts)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken);
        if (counted == 0)
        {
            return OneTimeCodeProblem.Expired;
        }

        var digits = new string([.. (typed ?? "").Where(char.IsAsciiDigit)]);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(code.Id, digits)), Encoding.ASCII.GetBytes(code.CodeHash)))
        {
            return code.Attempts + 1 >= MaximumAttempts ? OneTimeCodeProblem.Expired : OneTimeCodeProblem.Wrong;
        }

        // Used once: a second request with the right code at the same moment finds it used.
        var used = await db.Set<OneTimeCode>().Where(c => c.Id == code.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken);
        return used == 1 ? null : OneTimeCodeProblem.Expired;
    }

    private static string Hash(Guid id, string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{id:N}:{code}")));

    private static string Text(string key, CultureInfo culture, params object[] args) =>
        string.Format(culture, Texts.GetString(key, culture) ?? throw new InvalidOperationException($"The text '{key}' is missing."), args);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "One-time code for {Purpose}: {Code} (no channel is configured for its destination; Portal:Accounts:LogCodes is on — development only)")]
    private static partial void LogCode(ILogger logger, OneTimeCodePurpose purpose, string code);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "A one-time code for {Purpose} could not be sent")]
    private static partial void LogNotSent(ILogger logger, Exception exception, OneTimeCodePurpose purpose);
}

public enum OneTimeCodeProblem
{
    /// <summary>A code was sent to this destination less than a minute ago, or five this hour.</summary>
    TooSoon,

    /// <summary>No channel reaches this kind of destination (e-mail or SMS is not configured).</summary>
    ChannelUnavailable,

    /// <summary>The channel failed.</summary>
    NotSent,

    /// <summary>The typed code is not the one sent.</summary>
    Wrong,

    /// <summary>No live code: none sent, expired, used, or too many wrong tries.</summary>
    Expired,
}

/// <summary>The citizens' accounts (section <c>Portal:Accounts</c>).</summary>
public sealed class CitizenAccountOptions
{
    public const string SectionName = "Portal:Accounts";

    /// <summary>
    /// Writes a one-time code to the log when no channel reaches its destination (on in Development, so that accounts can
    /// be made without a mail server). Never in production: the log is not the citizen's.
    /// </summary>
    public bool LogCodes { get; set; }
}
