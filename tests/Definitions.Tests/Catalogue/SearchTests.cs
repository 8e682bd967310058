using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;

namespace DossierWorkflow.Definitions.Tests.Catalogue;

public sealed class SearchTests
{
    private static string[] Codes(string keywords) =>
        [.. Shipped.Catalogue.Search(keywords, Shipped.Today).Select(m => m.Procedure.Code)];

    [Theory]
    [InlineData("đăng ký kết hôn")]
    [InlineData("dang ky ket hon")]
    [InlineData("KET HON")]
    [InlineData("ĐĂNG KÝ KẾT HÔN")]
    [InlineData("  kết   hôn! ")]
    public void Marriage_registration_is_found_with_or_without_diacritics_in_any_case(string keywords)
    {
        var codes = Codes(keywords);

        Assert.Equal("1.000894", codes[0]);
        Assert.Contains("2.000806", codes);
    }

    [Fact]
    public void Dang_ky_khai_sinh_finds_birth_registration_first_then_re_registration_and_the_linked_package()
    {
        var codes = Codes("dang ky khai sinh");

        Assert.Equal("1.001193", codes[0]);
        Assert.Equal(["1.004884", "1.012830"], codes.Skip(1).Take(2).Order());
    }

    [Fact]
    public void Chung_thuc_ban_sao_finds_the_certified_copy_first()
    {
        var codes = Codes("chứng thực bản sao");

        Assert.Equal("2.000815", codes[0]);
    }

    [Fact]
    public void Every_word_must_match()
    {
        Assert.Empty(Codes("kết hôn xe máy"));
    }

    [Fact]
    public void A_name_match_ranks_before_a_match_found_only_in_the_notes()
    {
        var matches = Shipped.Catalogue.Search("giám hộ", Shipped.Today);

        Assert.Equal(["1.004837", "1.004845"], matches.Take(2).Select(m => m.Procedure.Code).Order());
        Assert.True(matches.Take(2).All(m => m.Score > matches.Skip(2).Select(x => x.Score).DefaultIfEmpty().Max()));
    }

    [Fact]
    public void Procedures_that_only_mention_the_words_in_their_documents_or_legal_basis_are_told_apart()
    {
        var matches = Shipped.Catalogue.Search("chứng thực", Shipped.Today);

        // The certification procedures are named by the words; the others ask for certified copies among their documents.
        Assert.Equal(
            matches.Where(m => m.Version.Sector == "Chứng thực").Select(m => m.Procedure.Code).Order(),
            matches.Where(m => !m.IsMention).Select(m => m.Procedure.Code).Order());
        Assert.Equal(3, matches.Count(m => !m.IsMention));
        Assert.Contains(matches, m => m.IsMention);
        Assert.All(matches.Where(m => m.IsMention), m => Assert.NotEqual("Chứng thực", m.Version.Sector));
        Assert.DoesNotContain(Shipped.Catalogue.Search("", Shipped.Today), m => m.IsMention);
    }

    [Fact]
    public void Words_are_matched_whole_so_a_fragment_finds_nothing()
    {
        Assert.Empty(Codes("khai sin"));
    }

    [Fact]
    public void English_names_are_searchable_too()
    {
        Assert.Equal("1.000656", Codes("death registration")[0]);
    }

    [Fact]
    public void The_folding_maps_d_with_stroke_to_d_which_unicode_decomposition_does_not()
    {
        Assert.Equal("đ", "đ".Normalize(System.Text.NormalizationForm.FormD));
        Assert.Equal(["dang", "ky", "doi", "hon"], SearchText.Words("ĐĂNG KÝ, đổi-hộn"));
    }

    [Fact]
    public void Filtering_by_sector_ignores_case_and_diacritics()
    {
        var matches = Shipped.Catalogue.Search(new ProcedureQuery { On = Shipped.Today, Sector = "chung thuc" });

        Assert.Equal(["2.000815", "2.000884", "2.001019"], matches.Select(m => m.Procedure.Code).Order());
    }

    [Fact]
    public void Filtering_by_online_level_and_keywords_combines()
    {
        var matches = Shipped.Catalogue.Search(new ProcedureQuery { On = Shipped.Today, Keywords = "hộ tịch", OnlineLevel = OnlineServiceLevel.FullOnline });

        Assert.NotEmpty(matches);
        Assert.All(matches, m => Assert.Equal(OnlineServiceLevel.FullOnline, m.Version.OnlineLevel));
        Assert.Contains(matches, m => m.Procedure.Code == "2.000635");
    }

    [Fact]
    public void Filtering_by_unit_level_finds_every_commune_procedure_today()
    {
        var matches = Shipped.Catalogue.Search(new ProcedureQuery { On = Shipped.Today, ImplementingLevel = UnitLevel.Commune });
        var provincial = Shipped.Catalogue.Search(new ProcedureQuery { On = Shipped.Today, ImplementingLevel = UnitLevel.Province });

        Assert.Equal(Shipped.Catalogue.Procedures.Length - 1, matches.Count);
        Assert.Equal("1.009974", Assert.Single(provincial).Procedure.Code);
    }

    [Fact]
    public void Procedures_are_found_by_code_and_by_key()
    {
        Assert.Equal("birth-registration", Shipped.Catalogue.FindByCode("1.001193")?.Key);
        Assert.Equal("2.000815", Shipped.Catalogue.FindByKey("certified-copy-from-original")?.Code);
        Assert.Null(Shipped.Catalogue.FindByCode("0.000000"));
    }
}
