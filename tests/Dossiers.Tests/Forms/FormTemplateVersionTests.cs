using DossierWorkflow.Testing;
using DossierWorkflow.Dossiers.Forms;
using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Tests.Forms;

/// <summary>A dossier prints with the form set in force on the day it was received.</summary>
public sealed class FormTemplateVersionTests
{
    private static readonly FormTemplateCatalog Catalog = FormTemplateCatalog.Default;

    [Fact]
    public void A_dossier_received_on_the_day_circular_03_2025_took_effect_uses_its_forms()
    {
        var version = Catalog.ForDate(new DateTime(2025, 9, 15, 7, 0, 0));

        Assert.Equal("TT03-2025-VPCP", version.Id);
        Assert.Equal("Mẫu số 06", version.Form(FormKind.ProcessControlSheet).Number);
    }

    [Fact]
    public void A_dossier_received_the_day_before_uses_the_forms_of_circular_01_2018()
    {
        var version = Catalog.ForDate(new DateTime(2025, 9, 14, 16, 59, 0));

        Assert.Equal("TT01-2018-VPCP", version.Id);
        Assert.Equal("Mẫu số 05", version.Form(FormKind.ProcessControlSheet).Number);
        Assert.Equal("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", version.Form(FormKind.ApologyLetter).Title);
    }

    [Fact]
    public void A_dossier_received_before_any_known_form_set_is_refused_with_the_earliest_date()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Catalog.ForDate(new DateTime(2018, 12, 31)));

        Assert.Contains("2019-01-08", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stop_notice_for_an_older_dossier_uses_the_first_form_set_that_has_one()
    {
        var version = Catalog.Resolve(FormKind.StopNotice, new DateTime(2024, 3, 1));

        Assert.Equal("TT03-2025-VPCP", version.Id);
    }

    [Fact]
    public void An_older_dossier_prints_the_2018_wording()
    {
        Poppler.Require();
        var letter = FormSamples.ApologyLetter() with { DossierReceivedAt = new DateTime(2025, 6, 2, 9, 0, 0) };

        var text = Poppler.Flatten(Poppler.Text(FormRendering.Render(letter, "04-apology-letter-2018")));

        Assert.Contains("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", text, StringComparison.Ordinal);
        Assert.Contains("sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào 10 giờ 30 phút, ngày 09 tháng 12 năm 2026", text, StringComparison.Ordinal);
        Assert.DoesNotContain("gia hạn", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_pinned_on_the_dossier_wins_over_the_date()
    {
        Poppler.Require();
        var sheet = FormSamples.ControlSheet(2);

        var text = Poppler.Flatten(Poppler.Text(FormRendering.Render(sheet, "06-control-sheet-pinned-2018", "TT01-2018-VPCP")));

        Assert.Contains("Mẫu số 05", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_version_words_every_text_and_names_its_forms()
    {
        foreach (var version in Catalog.Versions)
        {
            Assert.All(Enum.GetValues<FormText>(), key => Assert.False(string.IsNullOrWhiteSpace(version.Text(key))));
            Assert.All(version.Forms, form => Assert.StartsWith("Mẫu số 0", form.Number, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_generator_picks_the_version_from_the_form_date()
    {
        var generator = new LegalFormPdfGenerator();

        var recent = generator.TemplateFor(FormSamples.ReceiptSlip());
        var older = generator.TemplateFor(FormSamples.ReceiptSlip() with { ReceivedAt = new DateTime(2022, 5, 10, 9, 0, 0) });

        Assert.Equal("TT03-2025-VPCP", recent.Id);
        Assert.Equal("TT01-2018-VPCP", older.Id);
    }
}
