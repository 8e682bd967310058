using System.Data.Common;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;

/// <summary>
/// The common searches are index searches on PostgreSQL: for each, as the search builds it and with its parameters, over
/// a table of dossiers of 100 communes, PostgreSQL finds a plan that reads the table through an index. At this test's
/// size the planner may rightly prefer to read the small table whole, so full scans are priced out
/// (<c>enable_seqscan = off</c>): a search no index can serve still reads the whole table, and fails here.
/// </summary>
public sealed class SearchPlanTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Searching_by_code_name_fragment_id_number_and_phone_reads_an_index_not_the_whole_table()
    {
        app.CreateClient();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        await FillAsync(db);
        var search = scope.ServiceProvider.GetRequiredService<DossierSearch>();
        string[] province = [.. Enumerable.Range(0, 100).Select(i => $"HN.X{i:000}")];
        string[] commune = ["HN.X042"];

        foreach (var (name, query, units, index) in new (string, DossierQuery, string[], string)[]
        {
            ("code prefix", new DossierQuery { Code = "000.00.42.H26-2611" }, province, "IX_Dossiers_Code"),
            ("whole code", new DossierQuery { Code = "000.00.42.H26-261101-0042" }, province, "IX_Dossiers_Code"),
            ("name fragment", new DossierQuery { Name = "ngoc doan tr" }, province, "IX_Dossiers_ApplicantNameFolded_Trigram"),
            ("name fragment in a commune", new DossierQuery { Name = "van an" }, commune, "IX_Dossiers_"),
            ("id number", new DossierQuery { IdNumber = "001085012345" }, province, "IX_Dossiers_ApplicantCitizenId"),
            ("tax code", new DossierQuery { IdNumber = "0101234567" }, province, "IX_Dossiers_ApplicantTaxCode"),
            ("phone", new DossierQuery { Phone = "0912345678" }, province, "IX_Dossiers_ApplicantPhone"),
        })
        {
            var plan = await PlanAsync(db, search.Query(query, units).Select(d => d.Code).Take(DossierSearch.PageSize + 1));
            Assert.False(plan.Contains("Seq Scan on \"Dossiers\"", StringComparison.Ordinal), $"{name}:\n{plan}");
            Assert.True(plan.Contains(index, StringComparison.Ordinal), $"{name} should read {index}:\n{plan}");
        }
    }

    /// <summary>Dossiers of 100 communes with varied names, IDs and phones, straight into the table, then analysed.</summary>
    private static async Task FillAsync(DossiersDbContext db)
    {
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Dossiers" ("Id", "Code", "ProcedureCode", "ProcedureKey", "ProcedureName", "Sector", "ProcedureVersionJson",
                "FormTemplateVersion", "ReceivingUnit", "Channel", "ApplicantKind", "ApplicantName", "ApplicantNameFolded",
                "ApplicantCitizenId", "ApplicantPhone", "SetCount", "Delivery", "FeeAmount", "FeeExplanation", "FeePaid",
                "ReceivedAt", "ReceivedBy", "Status", "StatusChangedAt")
            SELECT gen_random_uuid(),
                   format('000.00.%s.H26-26%s-%s', lpad((i % 100)::text, 2, '0'), to_char(date '2026-01-01' + (i % 330), 'MMDD'), lpad((i / 100)::text, 4, '0')),
                   '1.001193', 'birth-registration', 'Thủ tục đăng ký khai sinh', 'Hộ tịch', 'null', 'TT03-2025',
                   format('HN.X%s', lpad((i % 100)::text, 3, '0')), 1 + i % 3, 1,
                   s.surname || ' ' || m.middle || ' ' || g.given,
                   lower(translate(s.surname || ' ' || m.middle || ' ' || g.given, 'ễầêạọũàăđĐìôơưứữởảãắáíéếệóòồờớúý', 'eaeaouaaddioouuuoaaaaieeeooooouy')),
                   lpad((1000000000 + i)::text, 12, '0'), '09' || lpad(i::text, 8, '0'), 1, 1, 0, '', false,
                   now() - make_interval(hours => i % 8000), 'tiepnhan', 2 + (i % 9), now()
            FROM generate_series(1, 30000) AS i
            CROSS JOIN LATERAL (SELECT (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý'])[1 + i % 16] AS surname) s
            CROSS JOIN LATERAL (SELECT (array['Văn','Thị','Đức','Minh','Quang','Ngọc','Thanh','Hữu','Xuân','Thu','Hoài','Kim','Bảo'])[1 + (i / 16) % 13] AS middle) m
            CROSS JOIN LATERAL (SELECT (array['An','Bình','Đoan Trang','Hùng','Lan','Mai','Nam','Hà','Hải','Hạnh','Hiếu','Hoa','Hòa','Huy','Khánh','Khoa','Linh','Long','Minh','My','Nga','Ngân','Nhung','Phong','Phúc','Phương','Quân','Quyên','Sơn','Tâm','Thảo','Thành','Trí','Trinh','Tú','Tuấn','Uyên','Việt','Vy','Yến','Dũng'])[1 + (i / 208) % 41] AS given) g;
            ANALYZE "Dossiers";
            """, Cancel);
    }

    /// <summary>PostgreSQL's plan for the query EF Core sends, with its parameters.</summary>
    private static async Task<string> PlanAsync<T>(DossiersDbContext db, IQueryable<T> query)
    {
        await using DbCommand command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN " + command.CommandText;
        await db.Database.OpenConnectionAsync(Cancel);
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off", Cancel);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        List<string> lines = [];
        while (await reader.ReadAsync(Cancel))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
