using DossierWorkflow.Dossiers.Audit;

namespace DossierWorkflow.OfficerUi.Authentication;

/// <summary>
/// The audit journal as the officers' host writes it: the signed-in officer is the actor (unless another is named, as
/// for a failed sign-in) and the request's client address goes with each record. Saved with the caller's unit of work.
/// </summary>
public sealed class OfficerAudit(AuditJournal journal, IHttpContextAccessor http)
{
    public AuditEntry Record(
        string action,
        string? subject = null,
        string? dossierCode = null,
        string? unitCode = null,
        object? before = null,
        object? after = null,
        string? actor = null)
    {
        var context = http.HttpContext;
        return journal.Add(new AuditRecord(actor ?? context?.User.Identity?.Name ?? "", action)
        {
            Subject = subject,
            DossierCode = dossierCode,
            UnitCode = unitCode,
            Before = before,
            After = after,
            Address = context?.Connection.RemoteIpAddress?.ToString(),
        });
    }
}
