namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>The instance variables the domain sets and the catalogue's workflows read.</summary>
public static class WorkflowVariables
{
    /// <summary>The code of the unit that received the dossier (e.g. <c>HN.HOANKIEM</c>): <c>dw:unitScope</c> is relative to it.</summary>
    public const string ReceivingUnit = "receivingUnit";

    /// <summary>
    /// The departments reception chose to consult (their unit codes), for a procedure that asks several at once: its
    /// multi-instance step runs over this list, each instance in its department (<c>dw:unitScope="department:{department}"</c>).
    /// </summary>
    public const string Departments = "departments";

    /// <summary>The variables a dossier's workflow starts with: where, how it came and how its result goes, and its fee.</summary>
    public static System.Text.Json.Nodes.JsonObject AtReception(string receivingUnit, Calendar.ReceptionChannel channel, Dossiers.ResultDelivery delivery, long fee) => new()
    {
        [ReceivingUnit] = receivingUnit,
        ["channel"] = channel.ToString().ToLowerInvariant(),
        ["deliveryMethod"] = delivery switch
        {
            Dossiers.ResultDelivery.Post => "post",
            Dossiers.ResultDelivery.Electronic => "electronic",
            _ => "counter",
        },
        ["fee"] = fee,
    };
}
