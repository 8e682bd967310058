namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>The instance variables the domain sets and the catalogue's workflows read.</summary>
public static class WorkflowVariables
{
    /// <summary>The code of the unit that received the dossier (e.g. <c>HN.HOANKIEM</c>): <c>dw:unitScope</c> is relative to it.</summary>
    public const string ReceivingUnit = "receivingUnit";
}
