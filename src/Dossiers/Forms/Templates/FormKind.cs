namespace DossierWorkflow.Dossiers.Forms.Templates;

/// <summary>The legal forms of the one-stop mechanism, independent of their number in a given circular.</summary>
public enum FormKind
{
    ReceiptSlip,
    SupplementRequest,
    RefusalNotice,
    ApologyLetter,
    StopNotice,
    ProcessControlSheet,
    RegisterBook,
}
