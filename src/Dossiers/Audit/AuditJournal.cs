using System.Text.Json;
using DossierWorkflow.Dossiers.Persistence;

namespace DossierWorkflow.Dossiers.Audit;

/// <summary>
/// Appends to the audit journal (<see cref="AuditEntry"/>) in the caller's unit of work, so that a change and its record
/// are written together or not at all. The journal has no update or delete: it is read by the audit page only.
/// </summary>
public sealed class AuditJournal(DossiersDbContext db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Adds a record to the context; the caller's save writes it with the change it describes.</summary>
    public AuditEntry Add(AuditRecord record)
    {
        var now = time.GetUtcNow();
        var entry = new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            At = now,
            Actor = Limit(record.Actor, AuditLimits.Actor)!,
            Action = record.Action,
            Subject = Limit(record.Subject, AuditLimits.Subject),
            DossierCode = record.DossierCode,
            UnitCode = record.UnitCode,
            Before = record.Before is null ? null : JsonSerializer.Serialize(record.Before, Json),
            After = record.After is null ? null : JsonSerializer.Serialize(record.After, Json),
            Address = Limit(record.Address, AuditLimits.Address),
        };
        db.Add(entry);
        return entry;
    }

    private static string? Limit(string? text, int length) => text is { Length: > 0 } && text.Length > length ? text[..length] : text;
}

/// <summary>What to record; <see cref="Before"/> and <see cref="After"/> are serialised to JSON.</summary>
public sealed record AuditRecord(string Actor, string Action)
{
    public string? Subject { get; init; }

    public string? DossierCode { get; init; }

    public string? UnitCode { get; init; }

    public object? Before { get; init; }

    public object? After { get; init; }

    public string? Address { get; init; }
}

internal static class AuditLimits
{
    public const int Actor = 100;
    public const int Subject = 300;
    public const int Address = 64;
}
