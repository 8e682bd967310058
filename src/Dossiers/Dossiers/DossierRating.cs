using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// The applicant's rating of how their dossier was served (officer attitude, the service-quality index 7): from 1 (very
/// dissatisfied) to 5 (very satisfied), with a comment — given at the counter's rating device when the result is
/// collected (recorded by the officer), or online. One per dossier, once its result is returned.
/// </summary>
public sealed class DossierRating
{
    public const int CommentLength = 1000;

    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    /// <summary>1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int Score { get; set; }

    public string? Comment { get; set; }

    public RatingChannel Channel { get; set; }

    public DateTimeOffset RatedAt { get; set; }

    /// <summary>The officer who recorded a rating given at the counter; null for one given online.</summary>
    public string? RecordedBy { get; set; }
}

public enum RatingChannel
{
    Counter,
    Online,
}

/// <summary>Records an applicant's rating of their dossier (one per dossier, once the result is returned), in one transaction.</summary>
public sealed class DossierRatings(DossiersDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<DossierProblem>> RecordAsync(Dossier dossier, int score, string? comment, RatingChannel channel, string? officer, CancellationToken cancellationToken)
    {
        if (dossier.Status != DossierStatus.ResultReturned)
        {
            return [new DossierProblem("Rating", "RatingNotReturned")];
        }

        if (score is < 1 or > 5)
        {
            return [new DossierProblem("RatingScore", "RatingScore")];
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment?.Length > DossierRating.CommentLength)
        {
            return [new DossierProblem("RatingComment", "RatingComment", DossierRating.CommentLength)];
        }

        if (await db.Set<DossierRating>().AnyAsync(r => r.DossierId == dossier.Id, cancellationToken))
        {
            return [new DossierProblem("Rating", "RatingGiven")];
        }

        var now = time.GetUtcNow();
        db.Add(new DossierRating { Id = Guid.CreateVersion7(now), DossierId = dossier.Id, Score = score, Comment = comment, Channel = channel, RatedAt = now, RecordedBy = officer });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }
        catch (DbUpdateException)
        {
            // Rated at the same moment elsewhere, the unique index kept the first; anything else is not ours to hide.
            db.ChangeTracker.Clear();
            if (await db.Set<DossierRating>().AsNoTracking().AnyAsync(r => r.DossierId == dossier.Id, cancellationToken))
            {
                return [new DossierProblem("Rating", "RatingGiven")];
            }

            throw;
        }
    }
}
