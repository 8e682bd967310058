using System.Text.Json.Nodes;

namespace DossierWorkflow.Engine.Runtime;

/// <summary>
/// What a command's runner asks of another instance, through call activities: the engine applies these in the same
/// transaction (<see cref="CommandSession"/>), so that a dossier and the instances it called change together.
/// </summary>
internal abstract record CallEffect;

/// <summary>Start <paramref name="ChildId"/> from the definition <paramref name="Key"/> (latest, or <paramref name="Version"/>) for the token at a call activity.</summary>
internal sealed record CallStart(Guid ParentTokenId, Guid ChildId, string Key, int? Version, JsonObject Variables) : CallEffect;

/// <summary>Cancel the called instance: the call activity waiting for it was cancelled.</summary>
internal sealed record CallCancel(Guid ChildId) : CallEffect;

/// <summary>A called instance ended: with its variables (completed), or with why it did not (<paramref name="Failure"/>).</summary>
internal sealed record CallEnd(Guid ParentInstanceId, Guid ParentTokenId, Guid ChildId, JsonObject Variables, string? Failure) : CallEffect;

/// <summary>A called instance threw an error it did not catch: thrown again at the call activity.</summary>
internal sealed record CallError(Guid ParentInstanceId, Guid ParentTokenId, Guid ChildId, string ErrorCode) : CallEffect;

/// <summary>A called instance threw an escalation it did not catch: thrown again at the call activity.</summary>
internal sealed record CallEscalation(Guid ParentInstanceId, Guid ParentTokenId, Guid ChildId, string EscalationCode) : CallEffect;
