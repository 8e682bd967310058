using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// Finds dossiers among a province's million, within the receiving units an officer may see, newest first, one page at a
/// time. Each criterion is an index search: the code's beginning a range of the code's index; the applicant's name a
/// fragment of the folded name (a trigram index on PostgreSQL); the ID number (citizen ID or tax code) and the phone exact matches of their indexes.
/// </summary>
public sealed class DossierSearch(DossiersDbContext db, TimeProvider time)
{
    public const int PageSize = 50;

    /// <summary>
    /// The dossiers matching <paramref name="query"/> among those received by <paramref name="units"/>, as a query;
    /// <paramref name="narrow"/> (e.g. the dossiers behind a report's figure) narrows them further before they are ordered.
    /// </summary>
    public IQueryable<Dossier> Query(DossierQuery query, IReadOnlyCollection<string> units, Func<IQueryable<Dossier>, IQueryable<Dossier>>? narrow = null)
    {
        var dossiers = db.Set<Dossier>().AsNoTracking().Where(d => units.Contains(d.ReceivingUnit));
        if (query.Code?.Trim().ToUpperInvariant() is { Length: > 0 } code)
        {
            // A code's beginning (or the whole code): byte order, so that "000.00.25.H26-2612" is the range up to the
            // next possible prefix.
            var end = code + '\uffff';
            dossiers = dossiers.Where(d => string.Compare(d.Code, code) >= 0 && string.Compare(d.Code, end) < 0);
        }

        if (query.Name is { } name && SearchText.FoldName(name) is { Length: > 0 } folded)
        {
            dossiers = dossiers.Where(d => d.Applicant.NameFolded.Contains(folded));
        }

        if (query.IdNumber?.Trim() is { Length: > 0 } id)
        {
            // A citizen ID has 12 digits; anything else is an organisation's tax code (10 or 13 digits). One indexed
            // column each: an OR of both would read every dossier of the units.
            dossiers = id.Length == CitizenIdNumber.Length && id.All(char.IsAsciiDigit)
                ? dossiers.Where(d => d.Applicant.CitizenId == id)
                : dossiers.Where(d => d.Applicant.TaxCode == id);
        }

        if (query.Phone is { } phone && (ContactDetails.NormalisePhone(phone) ?? phone.Trim()) is { Length: > 0 } normalised)
        {
            dossiers = dossiers.Where(d => d.Applicant.Phone == normalised);
        }

        if (query.ProcedureCode is { Length: > 0 } procedure)
        {
            dossiers = dossiers.Where(d => d.ProcedureCode == procedure);
        }

        if (query.Status is { } status)
        {
            dossiers = dossiers.Where(d => d.Status == status);
        }

        if (query.Channel is { } channel)
        {
            dossiers = dossiers.Where(d => d.Channel == channel);
        }

        if (query.ReceivedFrom is { } from)
        {
            dossiers = dossiers.Where(d => d.ReceivedAt >= from);
        }

        if (query.ReceivedBefore is { } before)
        {
            dossiers = dossiers.Where(d => d.ReceivedAt < before);
        }

        if (query.OverdueOnly)
        {
            var now = time.GetUtcNow();
            dossiers = dossiers.Where(d => d.AppointmentAt < now && DossierStatusRules.InProcessing.Contains(d.Status));
        }

        if (query.Holder is { Length: > 0 } holder)
        {
            dossiers = dossiers.Where(d => db.Set<StoredWorkItem>().Any(w => w.BusinessKey == d.Code && w.Status == WorkItemStatus.Open && w.Assignee == holder));
        }

        if (narrow is not null)
        {
            dossiers = narrow(dossiers);
        }

        return dossiers.OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Code);
    }

    /// <summary>One page of the matches (<see cref="PageSize"/>), and whether there are more.</summary>
    public async Task<DossierPage> SearchAsync(DossierQuery query, IReadOnlyCollection<string> units, CancellationToken cancellationToken, Func<IQueryable<Dossier>, IQueryable<Dossier>>? narrow = null)
    {
        var page = Math.Max(1, query.Page);
        var rows = await Query(query, units, narrow)
            .Skip((page - 1) * PageSize)
            .Take(PageSize + 1)
            .Select(d => new DossierRow(d.Code, d.Applicant.Name, d.ProcedureCode, d.ProcedureName, d.ReceivingUnit, d.Channel, d.Status, d.ReceivedAt, d.AppointmentAt))
            .ToListAsync(cancellationToken);
        return new DossierPage(page, rows.Count > PageSize ? rows[..PageSize] : rows, rows.Count > PageSize);
    }
}

/// <summary>What an officer searches by; empty criteria are left out. Times are instants (the page turns office dates into them).</summary>
public sealed record DossierQuery
{
    /// <summary>A dossier code, or its beginning.</summary>
    public string? Code { get; init; }

    /// <summary>A fragment of the applicant's name, typed with or without diacritics.</summary>
    public string? Name { get; init; }

    /// <summary>The applicant's citizen ID or tax code.</summary>
    public string? IdNumber { get; init; }

    public string? Phone { get; init; }

    public string? ProcedureCode { get; init; }

    public DossierStatus? Status { get; init; }

    public ReceptionChannel? Channel { get; init; }

    public DateTimeOffset? ReceivedFrom { get; init; }

    public DateTimeOffset? ReceivedBefore { get; init; }

    /// <summary>Only dossiers in processing whose appointment has passed.</summary>
    public bool OverdueOnly { get; init; }

    /// <summary>Only dossiers with an open step claimed by this officer (a user name).</summary>
    public string? Holder { get; init; }

    public int Page { get; init; } = 1;
}

public sealed record DossierRow(
    string Code,
    string ApplicantName,
    string ProcedureCode,
    string ProcedureName,
    string ReceivingUnit,
    ReceptionChannel Channel,
    DossierStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AppointmentAt);

public sealed record DossierPage(int Page, IReadOnlyList<DossierRow> Rows, bool HasMore);
