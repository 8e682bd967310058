namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>One appointment a dossier was given, and why; the dossier's history keeps every one.</summary>
public sealed class AppointmentChange
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    public AppointmentReason Reason { get; set; }

    /// <summary>The appointment (ngày hẹn trả) given.</summary>
    public DateTimeOffset AppointmentAt { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public required string ChangedBy { get; set; }
}

public enum AppointmentReason
{
    /// <summary>Given at reception.</summary>
    First = 1,

    /// <summary>The clock restarted when the complete dossier came back after a supplement request.</summary>
    RestartAfterSupplement = 2,

    /// <summary>The one extension after an apology (form 04).</summary>
    Extension = 3,
}
