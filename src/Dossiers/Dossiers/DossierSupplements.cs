using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// Records the documents a supplement request (form 02) asked for when they come back — brought to the counter or
/// uploaded online — in the caller's unit of work: the document checklist and the scans, the moment they arrived (the
/// legal clock restarts from it when reception accepts the dossier as complete), and the message that takes the
/// dossier's workflow from waiting back to its reception step. Reception then decides on it
/// (<see cref="DossierReception.DecideAsync"/>), in the same action at the counter, from its queue when uploaded.
/// </summary>
public sealed class DossierSupplements(DossiersDbContext db, IWorkflowEngine engine, TimeProvider time)
{
    /// <summary>The message a workflow waits for while the applicant gathers the missing documents.</summary>
    public const string SupplementReceivedMessage = "supplement-received";

    /// <summary>
    /// Records <paramref name="arrival"/> on <paramref name="dossier"/> (tracked by the caller's context, with its documents
    /// and files). Returns the problems instead, each naming its field, when the dossier waits for no supplement or the
    /// checklist names a document the procedure does not have. A second arrival before reception decided (documents
    /// uploaded, then more brought to the counter) adds to the first; the clock restarts from the later one, and recording
    /// nothing new keeps the earlier one.
    /// </summary>
    public async Task<IReadOnlyList<DossierProblem>> RecordArrivalAsync(Dossier dossier, SupplementArrival arrival, CancellationToken cancellationToken)
    {
        List<DossierProblem> problems = [];
        if (dossier.Status != DossierStatus.SupplementRequested)
        {
            problems.Add(new("Supplement", "NotWaitingForSupplement"));
            return problems;
        }

        foreach (var line in arrival.Documents)
        {
            if (dossier.Documents.All(d => d.Position != line.Position))
            {
                problems.Add(new("Documents", "UnknownDocument"));
            }
            else if (line.Provided && line.Count is < 1 or > 99)
            {
                problems.Add(new($"Documents[{line.Position}]", "Range", 1, 99));
            }
        }

        if (arrival.Files.Any(f => f.DocumentPosition is { } position && dossier.Documents.All(d => d.Position != position)))
        {
            problems.Add(new("Files", "UnknownDocument"));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var now = time.GetUtcNow();
        var changed = false;
        foreach (var line in arrival.Documents)
        {
            var document = dossier.Documents.Single(d => d.Position == line.Position);
            var count = line.Provided ? line.Count : 0;
            changed |= document.Provided != line.Provided || document.Form != line.Form || document.Count != count;
            document.Provided = line.Provided;
            document.Form = line.Form;
            document.Count = count;
        }

        // A line with a scan and not on the checklist sent (an upload) is provided by that scan.
        foreach (var position in arrival.Files.Select(f => f.DocumentPosition).OfType<int>().Distinct().Where(p => arrival.Documents.All(d => d.Position != p)))
        {
            var document = dossier.Documents.Single(d => d.Position == position);
            document.Provided = true;
            document.Count = Math.Max(document.Count, 1);
        }

        // A scan the dossier already has on that line (an upload retried) is not added twice.
        var files = arrival.Files.Where(f => !dossier.Files.Any(d => d.Sha256 == f.File.Sha256 && d.DocumentPosition == f.DocumentPosition)).ToList();
        changed |= files.Count > 0;
        dossier.Files.AddRange(files
            .Select(f => new DossierFile
        {
            Id = Guid.CreateVersion7(now),
            DossierId = dossier.Id,
            DocumentPosition = f.DocumentPosition,
            FileName = f.File.FileName,
            ContentType = f.File.ContentType,
            Length = f.File.Length,
            Sha256 = f.File.Sha256,
            UploadedAt = now,
            UploadedBy = arrival.Actor,
        }));
        // The workflow waits for the message until the first arrival; after it, its reception step is open and a later
        // arrival only adds documents. The clock restarts from the last time something came: deciding on what was
        // uploaded, with nothing more, keeps the upload's time.
        var atReception = await engine.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = dossier.Code, CandidateRole = Roles.Reception }, cancellationToken);
        if (atReception.Count == 0 || changed)
        {
            dossier.SupplementArrivedAt = now;
        }

        if (atReception.Count == 0)
        {
            var delivery = await engine.DeliverMessageAsync(SupplementReceivedMessage, dossier.Code, actor: arrival.Actor, cancellationToken: cancellationToken);
            if (!delivery.Delivered)
            {
                throw new InvalidOperationException($"Dossier {dossier.Code} waits for a supplement but its workflow does not wait for '{SupplementReceivedMessage}'.");
            }
        }

        dossier.MarkProgress();
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }
}

/// <summary>The documents a supplement request asked for, come back.</summary>
/// <param name="Actor">The officer who recorded them at the counter, or the API client that uploaded them.</param>
public sealed record SupplementArrival(string Actor)
{
    /// <summary>The checklist lines as they now stand (the others unchanged); empty when only scans came.</summary>
    public IReadOnlyList<ProvidedDocument> Documents { get; init; } = [];

    /// <summary>The scans that came with them, stored in the attachment store.</summary>
    public IReadOnlyList<SubmittedFile> Files { get; init; } = [];
}
