using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>
/// The demo organisation seeded into an empty database when <c>Seeding:DemoData</c> is on (the default for the
/// zero-setup SQLite run): one province with the departments of a provincial procedure, two communes with their
/// departments (the commune police among them, for linked procedures), and one officer per role. The agency codes are for
/// demonstration only. Every demo officer signs in with <see cref="DemoPassword"/>.
/// </summary>
public static class DemoOrganisation
{
    /// <summary>The password of every demo account (printed in the README: the demo is for trying the system out).</summary>
    public const string DemoPassword = "demo@2026";

    /// <summary>
    /// The demo accounts: one per role in each commune, the commune police's and social insurance's, and the province's for the procedures it
    /// handles (reception at its public service centre, the construction department, the departments it consults); the
    /// same names as in the README.
    /// </summary>
    public static IReadOnlyList<string> UserNames { get; } =
    [
        "tiepnhan", "chuyenvien", "lanhdao", "vanthu", "quantri", "quanly", "tiepnhan.socson", "chuyenvien.socson", "lanhdao.socson",
        "congan", "truongcongan", "baohiem", "tiepnhan.tinh", "chuyenvien.sxd", "lanhdao.sxd", "chuyenvien.snnmt", "chuyenvien.pccc",
    ];

    /// <summary>A demo officer's e-mail address (the demo Keycloak realm's users have the same, to link them by it).</summary>
    public static string EmailOf(string userName) => $"{userName}@demo.dossierworkflow.vn";

    // One hash for all demo accounts (the hash carries its own salt): hashing is deliberately slow, and the demo seed runs
    // in every test host.
    private static readonly Lazy<string> DemoPasswordHash = new(() => OfficerPasswords.Hash(DemoPassword));

    public static async Task SeedAsync(DossiersDbContext db, TimeProvider time, CancellationToken cancellationToken = default)
    {
        if (!await db.Set<Unit>().AnyAsync(cancellationToken))
        {
            await SeedUnitsAndOfficersAsync(db, cancellationToken);
        }

        await SeedPasswordsAsync(db, time, cancellationToken);
    }

    /// <summary>Gives the demo accounts that have no password the demo password (also in databases seeded before sign-in existed).</summary>
    private static async Task SeedPasswordsAsync(DossiersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var withoutPassword = await db.Set<Officer>()
            .Where(o => UserNames.Contains(o.UserName) && !db.Set<OfficerCredential>().Any(c => c.OfficerId == o.Id))
            .Select(o => o.Id)
            .ToListAsync(cancellationToken);
        if (withoutPassword.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        db.AddRange(withoutPassword.Select(id => new OfficerCredential
        {
            OfficerId = id,
            PasswordHash = DemoPasswordHash.Value,
            SecurityStamp = OfficerPasswords.NewSecurityStamp(),
            ChangedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task SeedUnitsAndOfficersAsync(DossiersDbContext db, CancellationToken cancellationToken)
    {
        var province = new Unit { Code = "HN", Name = "Ủy ban nhân dân Thành phố Hà Nội", Kind = UnitKind.Province, AgencyCode = "000.00.00.H26" };
        var provinceCentre = Department(province, "TTPVHCC", "Trung tâm Phục vụ hành chính công Thành phố Hà Nội", "000.00.01.H26");
        var construction = Department(province, "SXD", "Sở Xây dựng Thành phố Hà Nội", null);
        var environment = Department(province, "SNNMT", "Sở Nông nghiệp và Môi trường Thành phố Hà Nội", null);
        var firePolice = Department(province, "PCCC", "Phòng Cảnh sát PCCC và CNCH - Công an Thành phố Hà Nội", null);
        var hoanKiem = Commune(province, "HOANKIEM", "Ủy ban nhân dân Phường Hoàn Kiếm", "000.00.25.H26");
        var socSon = Commune(province, "SOCSON", "Ủy ban nhân dân Xã Sóc Sơn", "000.00.26.H26");
        var hoanKiemCentre = Department(hoanKiem, "TTPVHCC", "Trung tâm Phục vụ hành chính công Phường Hoàn Kiếm", null);
        var hoanKiemOffice = Department(hoanKiem, "VP", "Văn phòng HĐND và UBND Phường Hoàn Kiếm", null);
        Department(hoanKiem, "VHXH", "Phòng Văn hóa - Xã hội Phường Hoàn Kiếm", null);
        var hoanKiemPolice = Department(hoanKiem, "CA", "Công an Phường Hoàn Kiếm", null);
        var hoanKiemInsurance = Department(hoanKiem, "BHXH", "Bảo hiểm xã hội cơ sở Hoàn Kiếm", null);
        var socSonCentre = Department(socSon, "TTPVHCC", "Trung tâm Phục vụ hành chính công Xã Sóc Sơn", null);
        var socSonOffice = Department(socSon, "VP", "Văn phòng HĐND và UBND Xã Sóc Sơn", null);
        Department(socSon, "KT", "Phòng Kinh tế Xã Sóc Sơn", null);
        Department(socSon, "CA", "Công an Xã Sóc Sơn", null);
        Department(socSon, "BHXH", "Bảo hiểm xã hội cơ sở Sóc Sơn", null);
        db.Add(province);

        db.AddRange(
            Officer("tiepnhan", "Nguyễn Thị Hồng Nhung", (hoanKiem, Roles.Reception), (hoanKiemCentre, Roles.Reception)),
            Officer("chuyenvien", "Trần Văn Minh", (hoanKiem, Roles.Specialist), (hoanKiemOffice, Roles.Specialist)),
            Signing(Officer("lanhdao", "Lê Quang Huy", (hoanKiem, Roles.Leader)), "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
            Officer("vanthu", "Phạm Thu Trang", (hoanKiemOffice, Roles.Clerk)),
            Officer("quantri", "Đỗ Đức Anh", (province, Roles.Administrator)),
            Officer("quanly", "Vũ Thị Lan", (province, Roles.Manager), (provinceCentre, Roles.Manager)),
            Officer("tiepnhan.socson", "Hoàng Văn Nam", (socSon, Roles.Reception), (socSonCentre, Roles.Reception)),
            Officer("chuyenvien.socson", "Bùi Thị Mai", (socSon, Roles.Specialist), (socSonOffice, Roles.Specialist)),
            Signing(Officer("lanhdao.socson", "Ngô Văn Thành", (socSon, Roles.Leader)), "CHỦ TỊCH"),
            Officer("congan", "Đặng Quốc Bảo", (hoanKiemPolice, Roles.Specialist)),
            Officer("truongcongan", "Trịnh Văn Hùng", (hoanKiemPolice, Roles.Leader)),
            Officer("baohiem", "Phan Thị Hương", (hoanKiemInsurance, Roles.Specialist)),
            // Receives for the province itself: its steps are routed among the province's departments.
            Officer("tiepnhan.tinh", "Lý Thị Thu Hà", (province, Roles.Reception)),
            Officer("chuyenvien.sxd", "Mai Đức Long", (construction, Roles.Specialist)),
            Signing(Officer("lanhdao.sxd", "Phan Minh Tuấn", (construction, Roles.Leader)), "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"),
            Officer("chuyenvien.snnmt", "Cao Thị Ngọc", (environment, Roles.Specialist)),
            Officer("chuyenvien.pccc", "Tạ Văn Dũng", (firePolice, Roles.Specialist)));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Unit Commune(Unit province, string code, string name, string agencyCode)
    {
        var commune = new Unit { Code = $"{province.Code}.{code}", Name = name, Kind = UnitKind.Commune, AgencyCode = agencyCode, Parent = province };
        province.Children.Add(commune);
        return commune;
    }

    private static Unit Department(Unit parent, string code, string name, string? agencyCode)
    {
        var department = new Unit { Code = $"{parent.Code}.{code}", Name = name, Kind = UnitKind.Department, AgencyCode = agencyCode, Parent = parent };
        parent.Children.Add(department);
        return department;
    }

    /// <summary>A leader who signs forms 04 and 05, with the title printed above the signature.</summary>
    private static Officer Signing(Officer officer, string title)
    {
        officer.Title = title;
        return officer;
    }

    private static Officer Officer(string userName, string fullName, params (Unit Unit, string Role)[] roles)
    {
        var officer = new Officer { UserName = userName, FullName = fullName, Email = EmailOf(userName) };
        officer.Roles.AddRange(roles.Select(r => new OfficerRole { Unit = r.Unit, Role = r.Role }));
        return officer;
    }
}
