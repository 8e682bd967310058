using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.WorkflowDesign;

/// <summary>
/// The versions of each procedure's workflow as administrators manage them: the published versions (the engine's), each
/// with who published it, what changed from the one before and how many dossiers run on it; the draft being prepared
/// (saved with its problems, published only without any); the shipped file of a newer product offered as an update once
/// an administrator has published their own (<see cref="CatalogueDeployment"/> then leaves the procedure alone); and
/// deletion of a version no dossier ever ran on. Each call that changes something saves.
/// </summary>
public sealed class WorkflowVersions(DossiersDbContext db, IWorkflowEngine engine, IDefinitionCompiler compiler, ProcedureCatalogue catalogue, TimeProvider time)
{
    /// <summary>Every procedure of the catalogue with its latest version, draft and dossier counts, in the catalogue's order.</summary>
    public async Task<IReadOnlyList<WorkflowSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var versions = await db.Set<StoredDefinition>().AsNoTracking()
            .Select(d => new { d.Key, d.Version, d.DeployedAt, d.DeployedBy, d.ContentHash })
            .ToListAsync(cancellationToken);
        var running = await db.Set<StoredInstance>().Where(i => i.Status == InstanceStatus.Running)
            .GroupBy(i => i.DefinitionKey).Select(g => new { Key = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var drafts = await db.Set<WorkflowDraft>().AsNoTracking().ToDictionaryAsync(d => d.Key, cancellationToken);
        return
        [
            .. catalogue.Procedures.Select(procedure =>
            {
                var own = versions.Where(v => v.Key == procedure.Key).OrderByDescending(v => v.Version).ToList();
                var latest = own.FirstOrDefault();
                return new WorkflowSummary(
                    procedure,
                    latest?.Version,
                    latest?.DeployedAt,
                    latest?.DeployedBy,
                    own.Count,
                    running.GetValueOrDefault(procedure.Key),
                    drafts.GetValueOrDefault(procedure.Key),
                    own.Any(v => v.DeployedBy != CatalogueDeployment.Actor) && !own.Any(v => v.ContentHash == ShippedHash(procedure)));
            }),
        ];
    }

    /// <summary>One procedure's versions (newest first), draft and proposed update; null for a key not in the catalogue.</summary>
    public async Task<WorkflowHistory?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (catalogue.FindByKey(key) is not { } procedure)
        {
            return null;
        }

        var stored = await db.Set<StoredDefinition>().AsNoTracking().Where(d => d.Key == procedure.Key).OrderBy(d => d.Version).ToListAsync(cancellationToken);
        var counts = await db.Set<StoredInstance>().Where(i => i.DefinitionKey == procedure.Key)
            .GroupBy(i => new { i.DefinitionVersion, Running = i.Status == InstanceStatus.Running })
            .Select(g => new { g.Key.DefinitionVersion, g.Key.Running, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var versions = stored.Select((version, index) => new WorkflowVersion(
                version.Version,
                version.DeployedAt,
                version.DeployedBy,
                version.DeployedBy == CatalogueDeployment.Actor,
                DefinitionChanges.Compare(index == 0 ? null : stored[index - 1].Source, version.Source ?? ""),
                counts.Where(c => c.DefinitionVersion == version.Version && c.Running).Sum(c => c.Count),
                counts.Where(c => c.DefinitionVersion == version.Version).Sum(c => c.Count)))
            .Reverse()
            .ToList();
        var latestSource = stored.LastOrDefault()?.Source;

        var draft = await db.Set<WorkflowDraft>().AsNoTracking().FirstOrDefaultAsync(d => d.Key == procedure.Key, cancellationToken);
        DraftState? draftState = null;
        if (draft is not null)
        {
            var compilation = compiler.Compile(draft.Source);
            draftState = new DraftState(draft, Problems(procedure.Key, draft.Source, compilation), DefinitionChanges.Compare(latestSource, draft.Source));
        }

        var proposed = stored.Any(v => v.DeployedBy != CatalogueDeployment.Actor) && !stored.Any(v => v.ContentHash == ShippedHash(procedure))
            ? DefinitionChanges.Compare(latestSource, procedure.WorkflowBpmn)
            : null;
        return new WorkflowHistory(procedure, versions, draftState, proposed);
    }

    /// <summary>
    /// Saves <paramref name="bpmnXml"/> as the procedure's draft, whatever problems it has (they are returned), unless
    /// it cannot be read as one BPMN process of this procedure (too large, not XML, not BPMN, another process id): then
    /// nothing is saved and the refusal is returned.
    /// </summary>
    public async Task<DraftSave> SaveDraftAsync(string key, string bpmnXml, int? basedOnVersion, string actor, CancellationToken cancellationToken)
    {
        if (catalogue.FindByKey(key) is not { } procedure)
        {
            return DraftSave.Refused(new DossierProblem("Key", "WorkflowUnknown", key));
        }

        var compilation = compiler.Compile(bpmnXml);
        if (compilation.Problems.FirstOrDefault(p => DefinitionProblemCodes.IsFileLevel(p.Code)) is { } unreadable)
        {
            return DraftSave.Refused(new DossierProblem("Source", "WorkflowUnreadable", unreadable.Message));
        }

        if (DefinitionOutline.ProcessId(bpmnXml) is var processId && processId != procedure.Key)
        {
            return DraftSave.Refused(new DossierProblem("Source", "WorkflowOtherProcess", processId ?? "", procedure.Key));
        }

        var problems = Problems(procedure.Key, bpmnXml, compilation);
        var draft = await db.Set<WorkflowDraft>().FirstOrDefaultAsync(d => d.Key == procedure.Key, cancellationToken);
        if (draft is null)
        {
            draft = new WorkflowDraft { Key = procedure.Key, Source = bpmnXml, BasedOnVersion = basedOnVersion, UpdatedAt = time.GetUtcNow(), UpdatedBy = actor };
            db.Add(draft);
        }

        draft.Source = bpmnXml;
        draft.UpdatedAt = time.GetUtcNow();
        draft.UpdatedBy = actor;
        draft.ProblemCount = problems.Count;
        if (basedOnVersion is not null)
        {
            draft.BasedOnVersion = basedOnVersion;
        }

        await db.SaveChangesAsync(cancellationToken);
        var latest = await db.Set<StoredDefinition>().Where(d => d.Key == procedure.Key).OrderByDescending(d => d.Version).Select(d => d.Source).FirstOrDefaultAsync(cancellationToken);
        return new DraftSave(null, problems, DefinitionChanges.Compare(latest, bpmnXml));
    }

    /// <summary>Begins the draft from a published version, or from the shipped file (<paramref name="version"/> null).</summary>
    public async Task<DraftSave> BeginDraftAsync(string key, int? version, string actor, CancellationToken cancellationToken)
    {
        if (catalogue.FindByKey(key) is not { } procedure)
        {
            return DraftSave.Refused(new DossierProblem("Key", "WorkflowUnknown", key));
        }

        var source = version is null ? procedure.WorkflowBpmn : await SourceAsync(procedure.Key, version.Value, cancellationToken);
        return source is null
            ? DraftSave.Refused(new DossierProblem("Version", "VersionUnknown", version!))
            : await SaveDraftAsync(procedure.Key, source, version, actor, cancellationToken);
    }

    public async Task DiscardDraftAsync(string key, CancellationToken cancellationToken)
    {
        await db.Set<WorkflowDraft>().Where(d => d.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Publishes the draft as the next version: new dossiers follow it, running ones stay on theirs. Refused while it has
    /// problems, or when it is the same as the latest version.
    /// </summary>
    public async Task<Publication> PublishAsync(string key, string actor, CancellationToken cancellationToken)
    {
        var draft = await db.Set<WorkflowDraft>().FirstOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (draft is null)
        {
            return Publication.Refused(new DossierProblem("Draft", "DraftMissing"));
        }

        var compilation = compiler.Compile(draft.Source);
        var problems = Problems(draft.Key, draft.Source, compilation);
        if (problems.Count > 0)
        {
            return Publication.Refused(new DossierProblem("Draft", "DraftInvalid", problems.Count));
        }

        var deployed = await engine.DeployAsync(compilation.Definition!, draft.Source, actor, cancellationToken);
        if (!deployed.Created)
        {
            return Publication.Refused(new DossierProblem("Draft", "DraftUnchanged", deployed.Version));
        }

        db.Remove(draft);
        await db.SaveChangesAsync(cancellationToken);
        return new Publication(deployed.Version, null);
    }

    /// <summary>
    /// Deletes an earlier version no dossier ever ran on (its dossiers' history needs it). The newest one stays: new
    /// dossiers start on it, so none can start on a version being deleted, and no version number is ever given twice.
    /// </summary>
    public async Task<DossierProblem?> DeleteVersionAsync(string key, int version, CancellationToken cancellationToken)
    {
        var versions = await db.Set<StoredDefinition>().Where(d => d.Key == key).Select(d => d.Version).ToListAsync(cancellationToken);
        if (!versions.Contains(version))
        {
            return new DossierProblem("Version", "VersionUnknown", version);
        }

        // The newest version is the one new dossiers get, and its number is the next one's base: it stays.
        if (version == versions.Max())
        {
            return new DossierProblem("Version", "VersionCurrent", version);
        }

        var dossiers = await db.Set<StoredInstance>().CountAsync(i => i.DefinitionKey == key && i.DefinitionVersion == version, cancellationToken);
        if (dossiers > 0)
        {
            return new DossierProblem("Version", "VersionInUse", version, dossiers);
        }

        await db.Set<StoredDefinition>().Where(d => d.Key == key && d.Version == version).ExecuteDeleteAsync(cancellationToken);
        return null;
    }

    /// <summary>The BPMN XML of a published version (to export it, or to begin a draft from it).</summary>
    public Task<string?> SourceAsync(string key, int version, CancellationToken cancellationToken) =>
        db.Set<StoredDefinition>().Where(d => d.Key == key && d.Version == version).Select(d => d.Source).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The engine's problems with the XML, and one more when its process is not this procedure's.</summary>
    private static IReadOnlyList<DefinitionProblem> Problems(string key, string bpmnXml, DefinitionCompilation compilation) =>
        compilation.Definition is { } definition && definition.Key != key
            ? [.. compilation.Problems, new DefinitionProblem(definition.Key, "process-key", $"{definition.Key} ≠ {key}")]
            : compilation.Problems;

    private string? ShippedHash(Procedure procedure) => compiler.Compile(procedure.WorkflowBpmn).Definition?.ContentHash;
}

/// <summary>A procedure's workflow in the list: its latest version, how many versions and running dossiers, its draft.</summary>
public sealed record WorkflowSummary(
    Procedure Procedure,
    int? LatestVersion,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    int VersionCount,
    int RunningDossiers,
    WorkflowDraft? Draft,
    bool HasProposedUpdate);

/// <summary>One published version: who published it (the shipped catalogue or an administrator), what changed, its dossiers.</summary>
public sealed record WorkflowVersion(
    int Version,
    DateTimeOffset PublishedAt,
    string? PublishedBy,
    bool Shipped,
    IReadOnlyList<DefinitionChange>? Changes,
    int RunningDossiers,
    int AllDossiers);

public sealed record DraftState(WorkflowDraft Draft, IReadOnlyList<DefinitionProblem> Problems, IReadOnlyList<DefinitionChange>? Changes);

/// <summary>
/// A procedure's versions, newest first (the first is the one new dossiers get), its draft, and the changes of the
/// shipped file offered as an update (null when none is offered).
/// </summary>
public sealed record WorkflowHistory(Procedure Procedure, IReadOnlyList<WorkflowVersion> Versions, DraftState? Draft, IReadOnlyList<DefinitionChange>? ProposedUpdate);

/// <summary>A draft saved with its problems and its changes from the current version, or refused (nothing saved).</summary>
public sealed record DraftSave(DossierProblem? Refusal, IReadOnlyList<DefinitionProblem> Problems, IReadOnlyList<DefinitionChange>? Changes = null)
{
    public static DraftSave Refused(DossierProblem refusal) => new(refusal, []);
}

/// <summary>The version a draft became, or why it was not published.</summary>
public sealed record Publication(int? Version, DossierProblem? Refusal)
{
    public static Publication Refused(DossierProblem refusal) => new(null, refusal);
}
