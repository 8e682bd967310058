using System.Text.Json.Nodes;

namespace DossierWorkflow.Engine.Graph;

/// <summary>Reads a variable path (<c>applicant.address.province</c>: object members joined by dots).</summary>
internal static class VariablePath
{
    /// <summary>The value at <paramref name="path"/>, or null when a member on the way is missing or not an object.</summary>
    public static JsonNode? Read(JsonObject variables, string path)
    {
        JsonNode? current = variables;
        foreach (var segment in path.Split('.'))
        {
            current = current is JsonObject obj && obj.TryGetPropertyValue(segment, out var next) ? next : null;
        }

        return current;
    }
}
