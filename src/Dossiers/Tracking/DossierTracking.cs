using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Tracking;

/// <summary>
/// A dossier as the public may see it by its code alone (the tracking page the QR code on form 01 opens, the SMS
/// lookup): the procedure, the receiving unit, when it was received, the appointment, the status, the units whose steps
/// it waits at, and the applicant's name masked — nothing else of the applicant, no officer.
/// </summary>
/// <param name="HandledBy">The units (departments) holding its open steps now, by name; empty when none is open.</param>
public sealed record TrackedDossier(
    string Code,
    string ProcedureCode,
    string ProcedureName,
    string ReceivingUnitName,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AppointmentAt,
    DossierStatus Status,
    DateTimeOffset StatusChangedAt,
    DateTimeOffset? ResolvedAt,
    string MaskedApplicantName,
    IReadOnlyList<string> HandledBy);

/// <summary>Finds a dossier by its code for the public (see <see cref="TrackedDossier"/>): two indexed reads.</summary>
public sealed class DossierTracking(DossiersDbContext db)
{
    /// <summary>The longest dossier code looked up (agency codes are short; anything longer is not a code).</summary>
    public const int MaxCodeLength = 40;

    /// <summary>The dossier of that code (spaces around it and letter case do not matter), or null.</summary>
    public async Task<TrackedDossier?> FindAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (Normalise(code) is not { } normalised)
        {
            return null;
        }

        var dossier = await db.Set<Dossier>().AsNoTracking().Where(d => d.Code == normalised)
            .Select(d => new
            {
                d.Code,
                d.ProcedureCode,
                d.ProcedureName,
                UnitName = db.Set<Unit>().Where(u => u.Code == d.ReceivingUnit).Select(u => u.Name).FirstOrDefault(),
                d.ReceivingUnit,
                d.ReceivedAt,
                d.AppointmentAt,
                d.Status,
                d.StatusChangedAt,
                d.ResolvedAt,
                d.Applicant.Name,
                d.Applicant.Kind,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (dossier is null)
        {
            return null;
        }

        var handledBy = await (
                from w in db.Set<StoredWorkItem>().AsNoTracking()
                where w.BusinessKey == dossier.Code && w.Status == WorkItemStatus.Open
                join u in db.Set<Unit>() on w.CandidateUnit equals u.Code
                select u.Name)
            .Distinct().ToListAsync(cancellationToken);
        return new TrackedDossier(
            dossier.Code, dossier.ProcedureCode, dossier.ProcedureName, dossier.UnitName ?? dossier.ReceivingUnit, dossier.ReceivedAt,
            dossier.AppointmentAt, dossier.Status, dossier.StatusChangedAt, dossier.ResolvedAt,
            dossier.Kind == ApplicantKind.Organisation ? dossier.Name : MaskName(dossier.Name), [.. handledBy.Order(StringComparer.Ordinal)]);
    }

    /// <summary>A code as stored (trimmed, upper case), or null when it cannot be one.</summary>
    public static string? Normalise(string? code) =>
        code?.Trim().ToUpperInvariant() is { Length: > 0 and <= MaxCodeLength } trimmed && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
            ? trimmed
            : null;

    /// <summary>
    /// A person's name as the public may see it: the family name, the middle names' initials followed by <c>**</c>, the
    /// given name's initial — "Nguyễn Văn An" → "Nguyễn V** A"; a single word keeps its initial.
    /// </summary>
    public static string MaskName(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length switch
        {
            0 => "",
            1 => $"{Initial(words[0])}**",
            _ => string.Join(' ', words.Select((word, i) => i == 0 ? word : i == words.Length - 1 ? Initial(word) : $"{Initial(word)}**")),
        };

        // The first letter with its diacritics (a letter may be a base and combining marks when not normalised).
        static string Initial(string word) => System.Globalization.StringInfo.GetNextTextElement(word.Normalize(System.Text.NormalizationForm.FormC));
    }
}
