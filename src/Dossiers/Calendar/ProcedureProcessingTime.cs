using DossierWorkflow.Definitions.Metadata;

namespace DossierWorkflow.Dossiers.Calendar;

public static class ProcedureProcessingTime
{
    /// <summary>The catalogue's legal processing time of a procedure, as the deadline rules count it.</summary>
    public static ProcessingTime ToProcessingTime(this LegalProcessingTime legal) => legal.Unit switch
    {
        LegalTimeUnit.SameDay => ProcessingTime.SameDay,
        LegalTimeUnit.WorkingDays => ProcessingTime.WorkingDays(legal.Days),
        _ => throw new ArgumentOutOfRangeException(nameof(legal), legal.Unit, "Unknown legal time unit."),
    };
}
