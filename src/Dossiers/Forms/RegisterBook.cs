using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Forms;

/// <summary>Form 07: the register of dossiers of a unit over a period (landscape).</summary>
public sealed record RegisterBook(
    AgencyHeader Agency,
    string Unit,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    string Volume,
    IReadOnlyList<RegisterEntry> Entries) : ILegalForm
{
    FormKind ILegalForm.Kind => FormKind.RegisterBook;

    /// <summary>A register spans many dossiers: the period's first day selects the version.</summary>
    DateTime ILegalForm.TemplateDate => PeriodFrom.ToDateTime(TimeOnly.MinValue);
}

public sealed record RegisterEntry(
    string DossierCode,
    string Procedure,
    string ApplicantName,
    string? AddressAndPhone,
    string LeadUnit,
    DateTime ReceivedAt,
    DateTime AppointmentAt,
    DateTime? ReturnedAt,
    ResultDeliveryMethod? CollectedBy,
    string? Notes = null);
