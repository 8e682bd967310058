using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Forms;

/// <summary>Form 06: the dossier's path between units, one row per hand-off.</summary>
public sealed record ProcessControlSheet(
    AgencyHeader Agency,
    string DossierCode,
    string Procedure,
    Applicant Applicant,
    DateTime ReceivedAt,
    DateTime AppointmentAt,
    string LeadUnit,
    string? CoordinatingUnits,
    IReadOnlyList<HandOff> HandOffs) : ILegalForm
{
    FormKind ILegalForm.Kind => FormKind.ProcessControlSheet;

    DateTime ILegalForm.TemplateDate => ReceivedAt;
}

/// <summary>One hand-off of the dossier; <see cref="Timeliness"/> is null while the step is still open.</summary>
public sealed record HandOff(
    string FromUnit,
    string FromOfficer,
    string ToUnit,
    string ToOfficer,
    DateTime HandedOverAt,
    DateTime? ReceivedAt,
    HandOffTimeliness? Timeliness,
    string? Notes = null);

public enum HandOffTimeliness
{
    Early,
    OnTime,
    Late,
}
