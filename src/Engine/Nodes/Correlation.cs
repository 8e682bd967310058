using System.Text.Json;
using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>Resolves a message wait's correlation key when the wait begins.</summary>
internal static class Correlation
{
    /// <summary>
    /// The value at the variable path (dots separate object members) as text, or the business key when the trigger names
    /// no path. A missing value is a problem, reported as an incident.
    /// </summary>
    public static bool TryResolve(MessageTrigger trigger, NodeContext context, out string key, out string problem)
    {
        problem = "";
        if (trigger.CorrelationKeyPath is null)
        {
            key = context.BusinessKey ?? "";
            if (key.Length > 0)
            {
                return true;
            }

            problem = $"Message '{trigger.MessageName}' is correlated by business key, but the instance has none.";
            return false;
        }

        var node = VariablePath.Read(context.Variables, trigger.CorrelationKeyPath);
        key = node switch
        {
            null => "",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => node.ToJsonString(),
        };
        if (key.Length == 0)
        {
            problem = $"The correlation key variable '{trigger.CorrelationKeyPath}' of message '{trigger.MessageName}' is missing or empty.";
            return false;
        }

        return true;
    }
}
