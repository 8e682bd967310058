using DossierWorkflow.Testing;
namespace DossierWorkflow.Dossiers.Tests.Forms;

/// <summary>Long tables break across pages, each page repeating the table header and numbered "Trang i/n".</summary>
public sealed class FormPaginationTests
{
    [Fact]
    public void A_control_sheet_with_sixty_hand_offs_repeats_its_table_header_on_every_page()
    {
        Poppler.Require();
        var sheet = FormSamples.ControlSheet(60);

        var pdf = FormRendering.Render(sheet, "06-control-sheet-60");

        var pages = PagesOf(pdf);
        Assert.True(pages.Count > 1, $"60 hand-offs should need more than one page, got {pages.Count}.");
        AssertEveryPageHasOnce(pages, "Bên giao");
        AssertEveryPageHasOnce(pages, "Ghi chú");
        AssertNumbered(pages);
        Assert.Contains("Chuyển bước thứ 56, kèm phiếu đề xuất", Poppler.Flatten(pages[^1]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_register_of_a_thousand_dossiers_repeats_its_table_header_on_every_page()
    {
        Poppler.Require();
        var book = FormSamples.RegisterBook(1000);

        var pdf = FormRendering.Render(book, "07-register-book-1000");

        var pages = PagesOf(pdf);
        Assert.True(pages.Count > 20, $"1,000 rows should fill many pages, got {pages.Count}.");
        AssertEveryPageHasOnce(pages, "Mã hồ sơ");
        AssertEveryPageHasOnce(pages, "Ghi chú");
        AssertNumbered(pages);
        var all = Poppler.Flatten(string.Join(' ', pages));
        Assert.Contains("000.00.25.H12-261122-0001", all, StringComparison.Ordinal);
        Assert.Contains("000.00.25.H12-261127-1000", all, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_page_form_carries_no_page_number()
    {
        Poppler.Require();

        var pages = PagesOf(FormRendering.Render(FormSamples.ReceiptSlip(), "01-receipt-slip-single"));

        Assert.Single(pages);
        Assert.DoesNotContain("Trang 1/1", pages[0], StringComparison.Ordinal);
    }

    private static List<string> PagesOf(byte[] pdf) =>
        [.. Poppler.Text(pdf).Split('\f').Where(p => p.Trim().Length > 0)];

    private static void AssertEveryPageHasOnce(List<string> pages, string header)
    {
        var counts = pages.Select(p => CountOf(Poppler.Flatten(p), header)).ToList();
        Assert.True(counts.All(c => c == 1), $"Header '{header}' occurrences per page: {string.Join(", ", counts)}.");
    }

    private static void AssertNumbered(List<string> pages)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Trang {i + 1}/{pages.Count}", pages[i], StringComparison.Ordinal);
        }
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
