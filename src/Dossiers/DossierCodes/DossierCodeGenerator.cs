using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.DossierCodes;

/// <summary>
/// Hands out dossier codes. The day's counter is incremented by one atomic upsert inside the caller's transaction, so
/// the code is created together with its dossier (a rolled-back reception gives its number back) and two receptions
/// never get the same code, on SQLite and PostgreSQL alike: the second upsert waits for the first one's row lock.
/// </summary>
public static class DossierCodeGenerator
{
    public const int MaxAgencyCodeLength = 40;

    // Identical on both providers: SQLite ≥ 3.35 and PostgreSQL both support ON CONFLICT … DO UPDATE … RETURNING.
    private const string NextSequenceSql = """
        INSERT INTO "DossierCodeCounters" ("AgencyCode", "Day", "LastSequence") VALUES ({0}, {1}, 1)
        ON CONFLICT ("AgencyCode", "Day") DO UPDATE SET "LastSequence" = "DossierCodeCounters"."LastSequence" + 1
        RETURNING "LastSequence" AS "Value"
        """;

    /// <summary>The next code of <paramref name="agencyCode"/> for dossiers received on <paramref name="receivedOn"/> (office date).</summary>
    public static async Task<DossierCode> NextAsync(DossiersDbContext db, string agencyCode, DateOnly receivedOn, CancellationToken cancellationToken = default)
    {
        if (!DossierCode.IsValidAgencyCode(agencyCode) || agencyCode.Length > MaxAgencyCodeLength)
        {
            throw new ArgumentException(
                $"'{agencyCode}' cannot be used as an agency code in dossier codes: use letters, digits and dots only (at most {MaxAgencyCodeLength} characters), e.g. 000.00.25.H12.",
                nameof(agencyCode));
        }

        var sequence = await db.Database
            .SqlQueryRaw<int>(NextSequenceSql, agencyCode, receivedOn)
            .ToListAsync(cancellationToken);
        return new DossierCode(agencyCode, receivedOn, sequence.Single());
    }
}
