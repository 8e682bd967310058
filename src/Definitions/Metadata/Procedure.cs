using System.Collections.Immutable;

namespace DossierWorkflow.Definitions.Metadata;

/// <summary>
/// One administrative procedure of the catalogue: its national code, its dated metadata versions (ordered by
/// <see cref="ProcedureVersion.EffectiveFrom"/>) and its workflow definition (BPMN 2.0 XML whose process id is <see cref="Key"/>).
/// </summary>
public sealed class Procedure
{
    internal Procedure(string code, string key, ImmutableArray<ProcedureVersion> versions, string workflowBpmn, ImmutableArray<string> calledWorkflows = default)
    {
        Code = code;
        Key = key;
        Versions = versions;
        WorkflowBpmn = workflowBpmn;
        CalledWorkflows = calledWorkflows.IsDefault ? [] : calledWorkflows;
    }

    /// <summary>The national procedure code (mã thủ tục), e.g. "1.001193".</summary>
    public string Code { get; }

    /// <summary>The normalised key, e.g. "birth-registration": the BPMN process id and the folder slug.</summary>
    public string Key { get; }

    public ImmutableArray<ProcedureVersion> Versions { get; }

    /// <summary>The workflow definition as bpmn-js saves it, ready for the engine's compiler and the designer.</summary>
    public string WorkflowBpmn { get; }

    /// <summary>
    /// The workflows the procedure's call activities start (another agency's part of a linked procedure, liên thông), as
    /// BPMN 2.0 XML, from the folder's <c>called/</c>: deployed with it, before it.
    /// </summary>
    public ImmutableArray<string> CalledWorkflows { get; }

    /// <summary>The most recent version in force on <paramref name="date"/>, or null when none was.</summary>
    public ProcedureVersion? VersionOn(DateOnly date)
    {
        for (var i = Versions.Length - 1; i >= 0; i--)
        {
            if (Versions[i].IsInForceOn(date))
            {
                return Versions[i];
            }
        }

        return null;
    }

    /// <summary>The version in force on <paramref name="date"/>; throws when the procedure had none then.</summary>
    public ProcedureVersion GetVersionOn(DateOnly date) =>
        VersionOn(date) ?? throw new InvalidOperationException(
            $"Procedure {Code} ({Key}) has no metadata in force on {date:yyyy-MM-dd}; its versions start on {Versions[0].EffectiveFrom:yyyy-MM-dd}.");

    public override string ToString() => $"{Code} {Key}";
}
