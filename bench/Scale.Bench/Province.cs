using System.Text;
using Npgsql;

namespace DossierWorkflow.Scale.Bench;

/// <summary>
/// Fills the database to a province's size: 99 communes beside Phường Hoàn Kiếm, and copies of the template dossiers
/// with everything they own (documents, forms, appointments, payments, hand-overs; workflow instance, tokens, tasks,
/// subscriptions, journal) under new ids and codes, spread over the communes (one copy in a hundred stays in Hoàn Kiếm),
/// received up to two years back, with varied applicants.
/// </summary>
internal static class Province
{
    private const int CopiesPerStatement = 400;

    /// <summary>The tables copied, parents first.</summary>
    private static readonly string[] Tables =
    [
        "WorkflowInstances", "WorkflowTokens", "WorkflowWorkItems", "WorkflowMessageSubscriptions", "WorkflowJournalEntries",
        "Dossiers", "DossierDocuments", "DossierForms", "DossierAppointments", "DossierPayments", "DossierHandovers",
    ];

    /// <summary>Columns holding ids: each copy gets its own (a hash of the template's and the copy's number).</summary>
    private static readonly HashSet<string> IdColumns = ["Id", "DossierId", "WorkflowInstanceId", "InstanceId", "TokenId", "WorkItemId", "ResultFileId"];

    /// <summary>
    /// Columns holding the dossier code: a copy's code is its commune's agency code, the day it was received and a
    /// sequence made unique by the copy's number and the template's own sequence.
    /// </summary>
    private static readonly HashSet<string> CodeColumns = ["Code", "BusinessKey", "CorrelationKey"];

    public static async Task FillAsync(string connectionString, IReadOnlyList<string> templates, int dossiers)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            INSERT INTO "Units" ("Code", "Name", "Kind", "AgencyCode", "ParentId", "IsActive")
            SELECT 'HN.C' || lpad(i::text, 3, '0'), 'Ủy ban nhân dân Xã Số ' || i, u."Kind", '000.00.' || lpad((100 + i)::text, 3, '0') || '.H26', u."ParentId", true
            FROM generate_series(1, 99) AS i, "Units" u WHERE u."Code" = 'HN.HOANKIEM'
            """);
        var copies = (dossiers - templates.Count + templates.Count - 1) / templates.Count;
        var statements = new List<string>();
        var codes = string.Join(", ", templates.Select(code => $"'{code}'"));
        foreach (var table in Tables)
        {
            statements.Add(await CopySqlAsync(connection, table, codes));
        }

        for (var first = 1; first <= copies; first += CopiesPerStatement)
        {
            var last = Math.Min(copies, first + CopiesPerStatement - 1);
            // The last batch may make a few more than asked: whole copies of the templates.
            foreach (var statement in statements)
            {
                await ExecuteAsync(connection, statement.Replace("{first}", first.ToString()).Replace("{last}", last.ToString()));
            }
        }

        await ExecuteAsync(connection, "VACUUM ANALYZE");
    }

    /// <summary>INSERT … SELECT of one table's template rows for the copies {first}…{last}, column by column.</summary>
    private static async Task<string> CopySqlAsync(NpgsqlConnection connection, string table, string templateCodes)
    {
        var columns = new List<(string Name, string Type)>();
        await using (var command = new NpgsqlCommand("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = @t ORDER BY ordinal_position", connection))
        {
            command.Parameters.AddWithValue("t", table);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var select = new StringBuilder();
        foreach (var (name, type) in columns)
        {
            var column = $"t.\"{name}\"";
            select.Append(select.Length == 0 ? "" : ", ").Append((name, type) switch
            {
                _ when IdColumns.Contains(name) => $"md5({column}::text || ':' || k)::uuid",
                _ when CodeColumns.Contains(name) => $"CASE WHEN {column} IS NULL THEN NULL ELSE {Code(column)} END",
                ("IdempotencyKey", _) => "NULL",
                ("ReceivingUnit" or "CandidateUnit", _) => $"CASE WHEN k % 100 = 0 OR {column} IS NULL THEN {column} ELSE 'HN.C' || lpad((k % 100)::text, 3, '0') END",
                ("VariablesJson", _) => $"CASE WHEN k % 100 = 0 THEN {column} ELSE replace({column}, 'HN.HOANKIEM', 'HN.C' || lpad((k % 100)::text, 3, '0')) END",
                ("ApplicantName", _) => Name(column, folded: false),
                ("ApplicantNameFolded", _) => Name(column, folded: true),
                ("ApplicantCitizenId", _) => "'0' || lpad((k::bigint * 64 + (abs(hashtext(t.\"Id\"::text)) % 64))::text, 11, '0')",
                ("ApplicantPhone", _) => "'09' || lpad(((k::bigint * 64 + (abs(hashtext(t.\"Id\"::text)) % 64)) % 100000000)::text, 8, '0')",
                (_, "timestamp with time zone" or "timestamp without time zone") => $"{column} - make_interval(days => k % 730)",
                ("AcceptedMonth" or "ResolvedMonth", _) => Month($"t.\"{name[..^"Month".Length]}At\""),
                _ => column,
            });
        }

        var list = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        // The template rows: those of the template dossiers and their instances.
        var templateFilter = table switch
        {
            "Dossiers" => $"t.\"Code\" IN ({templateCodes})",
            _ when columns.Any(c => c.Name == "DossierId") => $"t.\"DossierId\" IN (SELECT \"Id\" FROM \"Dossiers\" WHERE \"Code\" IN ({templateCodes}))",
            "WorkflowInstances" => $"t.\"BusinessKey\" IN ({templateCodes})",
            _ => $"t.\"InstanceId\" IN (SELECT \"Id\" FROM \"WorkflowInstances\" WHERE \"BusinessKey\" IN ({templateCodes}))",
        };
        return $"INSERT INTO \"{table}\" ({list}) SELECT {select} FROM \"{table}\" t, generate_series({{first}}, {{last}}) AS k WHERE {templateFilter}";
    }

    /// <summary>
    /// The copy's code: its commune's agency code (Hoàn Kiếm's for one copy in a hundred), the day it was received (the
    /// template's day, k % 730 days back) and a sequence: copies of one commune and day differ by k / 7300, templates by
    /// their own last two digits.
    /// </summary>
    private static string Code(string column) =>
        $"CASE WHEN k % 100 = 0 THEN split_part({column}, '-', 1) ELSE '000.00.' || lpad((100 + k % 100)::text, 3, '0') || '.H26' END"
        + $" || '-' || to_char(to_date(split_part({column}, '-', 2), 'YYMMDD') - (k % 730), 'YYMMDD')"
        + $" || '-' || lpad(((k / 7300) * 100 + right({column}, 2)::int + 100)::text, 5, '0')";

    /// <summary>The month (yyyyMM, Vietnamese time) of a copy's moment, moved back with the copy.</summary>
    private static string Month(string moment) =>
        $"CAST(to_char(({moment} - make_interval(days => k % 730)) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYYMM') AS integer)";

    /// <summary>A varied Vietnamese name for each copy of a dossier (or its folded form).</summary>
    private static string Name(string column, bool folded)
    {
        string[] surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
        string[] middles = ["Văn", "Thị", "Đức", "Minh", "Quang", "Ngọc", "Thanh", "Hữu", "Xuân", "Thu", "Hoài", "Kim", "Bảo"];
        string[] givens = ["An", "Bình", "Trang", "Hùng", "Lan", "Mai", "Nam", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hòa", "Huy", "Khánh", "Khoa", "Linh", "Long", "Minh", "My", "Nga", "Ngân", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quyên", "Sơn", "Tâm", "Thảo", "Thành", "Trí", "Trinh", "Tú", "Tuấn", "Uyên", "Việt", "Vy", "Yến", "Dũng"];
        string Array(string[] words) => "array[" + string.Join(",", words.Select(w => $"'{(folded ? Fold(w) : w)}'")) + "]";
        const string Seed = "abs(hashtext(t.\"Id\"::text || k))";
        return $"({Array(surnames)})[1 + {Seed} % {surnames.Length}] || ' ' || ({Array(middles)})[1 + ({Seed} / 16) % {middles.Length}] || ' ' || ({Array(givens)})[1 + ({Seed} / 256) % {givens.Length}]";
    }

    private static string Fold(string word) => DossierWorkflow.Definitions.Catalogue.SearchText.FoldName(word);

    public static async Task<long> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"Dossiers\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<IReadOnlyList<string>> SampleAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        List<string> values = [];
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Open steps of Hoàn Kiếm waiting in a role's queue, with their dossiers.</summary>
    public static async Task<IReadOnlyList<(string Code, string Step)>> OpenStepsAsync(string connectionString, string role, int count)
    {
        var rows = await SampleAsync(connectionString, $"""
            SELECT "BusinessKey" || '|' || "Id" FROM "WorkflowWorkItems"
            WHERE "Status" = 0 AND "CandidateRole" = '{role}' AND "CandidateUnit" = 'HN.HOANKIEM' AND "Assignee" IS NULL
            ORDER BY random() LIMIT {count}
            """);
        return [.. rows.Select(r => r.Split('|')).Select(p => (p[0], p[1]))];
    }

    public static async Task<string> OpenStepAsync(string connectionString, string code) =>
        (await SampleAsync(connectionString, $"""SELECT "Id"::text FROM "WorkflowWorkItems" WHERE "BusinessKey" = '{code}' AND "Status" = 0""")).Single();

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
