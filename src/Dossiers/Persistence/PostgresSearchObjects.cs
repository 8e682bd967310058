namespace DossierWorkflow.Dossiers.Persistence;

/// <summary>
/// What PostgreSQL has for searching dossiers that the provider-neutral model does not describe: the trigram index that
/// finds a fragment anywhere in the folded applicant name (pg_trgm, shipped with PostgreSQL), and byte-order comparison
/// of dossier codes (collation "C"), so that a code's beginning is a range of the code's index whatever the database's
/// locale. Created by the migration <c>DossierSearch</c>; the schema tests add them to a database made from the model.
/// </summary>
public static class PostgresSearchObjects
{
    public const string Provider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static readonly string[] Create =
    [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
        """CREATE INDEX "IX_Dossiers_ApplicantNameFolded_Trigram" ON "Dossiers" USING gin ("ApplicantNameFolded" gin_trgm_ops);""",
        """ALTER TABLE "Dossiers" ALTER COLUMN "Code" TYPE character varying(60) COLLATE "C";""",
    ];

    public static readonly string[] Drop =
    [
        """DROP INDEX "IX_Dossiers_ApplicantNameFolded_Trigram";""",
        """ALTER TABLE "Dossiers" ALTER COLUMN "Code" TYPE character varying(60) COLLATE "default";""",
    ];
}
