using DossierWorkflow.Engine.Definitions.Bpmn;

namespace DossierWorkflow.Engine.Definitions;

/// <summary>What can be read of BPMN XML before it is valid (with the hardened reader): the id of its process.</summary>
public static class DefinitionOutline
{
    /// <summary>The most characters a definition may have.</summary>
    public const int MaxCharacters = BpmnReader.MaxCharacters;

    /// <summary>The id of the executable process (or of the only process), or null when the XML has none readable.</summary>
    public static string? ProcessId(string xml) =>
        BpmnReader.Read(xml).Document?.Processes is { } processes ? TheProcess(processes)?.Id : null;

    /// <summary>The process a file defines: its only executable one, or its only one.</summary>
    internal static BpmnProcess? TheProcess(System.Collections.Immutable.ImmutableArray<BpmnProcess> processes) =>
        processes.Where(p => p.IsExecutable == true).ToList() is [var executable] ? executable : processes.Length == 1 ? processes[0] : null;
}
