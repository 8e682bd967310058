using System.Diagnostics;
using System.Globalization;
using DossierWorkflow.Dossiers.Forms;

// Median render time of the legal forms after warm-up:
// form 01 (one page), form 06 with 50 hand-offs, form 07 with 1,000 rows.
// Run: dotnet run -c Release --project bench/Forms.Bench
var generator = new LegalFormPdfGenerator();
var receivedAt = new DateTime(2026, 11, 22, 8, 30, 0);
var agency = new AgencyHeader("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM", "Hoàn Kiếm");
var applicant = new Applicant(
    "Nguyễn Thị Hồng Nhung", "001190012345", "Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội",
    "0912 345 678", "nhung.nguyen@example.vn");

var slip = new ReceiptSlip(
    agency, "1234/GTN", "000.00.25.H12-261122-0001", "Bộ phận Một cửa Ủy ban nhân dân phường Hoàn Kiếm", applicant,
    "Đăng ký khai sinh",
    [
        new("Tờ khai đăng ký khai sinh", DocumentCopyKind.Original, 1),
        new("Giấy chứng sinh do cơ sở y tế cấp", DocumentCopyKind.Original, 1),
        new("Giấy chứng nhận kết hôn của cha, mẹ", DocumentCopyKind.CertifiedCopy, 1),
    ],
    1, "01 ngày làm việc", receivedAt, receivedAt.AddDays(1).AddHours(7.5),
    "Bộ phận Một cửa phường Hoàn Kiếm, số 126 phố Hàng Trống", ResultDeliveryMethod.AtCounter, "05", "0217",
    "Lê Thị Thu Hương", new Uri("https://dichvucong.hoankiem.gov.vn/tra-cuu?ma=000.00.25.H12-261122-0001"));

string[] units = ["Bộ phận Một cửa", "Phòng Văn hóa - Xã hội", "Lãnh đạo Ủy ban nhân dân phường"];
string[] officers = ["Lê Thị Thu Hương", "Hoàng Đức Thắng", "Đặng Minh Tuấn"];
var sheet = new ProcessControlSheet(
    agency, "000.00.25.H12-261122-0001", "Đăng ký khai sinh", applicant, receivedAt, receivedAt.AddDays(3),
    "Phòng Văn hóa - Xã hội", "Công an phường Hoàn Kiếm",
    [.. Enumerable.Range(0, 50).Select(i => new HandOff(
        units[i % 3], officers[i % 3], units[(i + 1) % 3], officers[(i + 1) % 3],
        receivedAt.AddMinutes(30 * i), receivedAt.AddMinutes((30 * i) + 10), (HandOffTimeliness)(i % 3),
        i % 4 == 0 ? "Chuyển kèm phiếu đề xuất" : null))]);

var book = new RegisterBook(
    agency, "Bộ phận Một cửa phường Hoàn Kiếm", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "05",
    [.. Enumerable.Range(0, 1000).Select(i => new RegisterEntry(
        string.Create(CultureInfo.InvariantCulture, $"000.00.25.H12-261122-{i + 1:0000}"),
        i % 2 == 0 ? "Đăng ký khai sinh" : "Chứng thực chữ ký",
        i % 2 == 0 ? "Nguyễn Thị Hồng Nhung" : "Trần Văn Đức",
        string.Create(CultureInfo.InvariantCulture, $"Số {i + 1} phố Hàng Bạc, Phường Hoàn Kiếm; 0912 {i:000} 678"),
        "Phòng Văn hóa - Xã hội", receivedAt.AddHours(i), receivedAt.AddDays(3).AddHours(i),
        i % 3 == 0 ? null : receivedAt.AddDays(2).AddHours(i), i % 3 == 0 ? null : ResultDeliveryMethod.AtCounter))]);

// The machine may be shared: besides the wall-clock medians asked for, print the medians of the process CPU time.
Report("form01", slip, warmUp: 20, runs: 101);
Report("form06", sheet, warmUp: 5, runs: 31);
Report("form07", book, warmUp: 2, runs: 9);

void Report(string name, ILegalForm form, int warmUp, int runs)
{
    for (var i = 0; i < warmUp; i++)
    {
        generator.Render(form);
    }

    var wall = new double[runs];
    var cpu = new double[runs];
    var process = Process.GetCurrentProcess();
    for (var i = 0; i < runs; i++)
    {
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        generator.Render(form);
        wall[i] = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        cpu[i] = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
    }

    Array.Sort(wall);
    Array.Sort(cpu);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}_ms: {wall[runs / 2]:0.00}"));
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: min {wall[0]:0.00} ms, median cpu {cpu[runs / 2]:0.00} ms, runs {runs}"));
}
