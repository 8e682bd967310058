using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;

namespace DossierWorkflow.Definitions.Tests.Metadata;

public sealed class DatedVersionTests
{
    [Fact]
    public void Marriage_with_a_foreign_party_was_registered_by_the_district_until_the_two_tier_reform()
    {
        var procedure = Shipped.Procedure("2.000806");

        var before = procedure.GetVersionOn(new DateOnly(2025, 6, 30));
        var after = procedure.GetVersionOn(new DateOnly(2025, 7, 1));

        Assert.Equal(UnitLevel.District, before.ImplementingLevel);
        Assert.Equal(UnitLevel.Commune, after.ImplementingLevel);
    }

    [Fact]
    public void A_date_before_the_first_version_has_no_metadata()
    {
        var procedure = Shipped.Procedure("1.001193");

        Assert.Null(procedure.VersionOn(new DateOnly(2024, 1, 1)));
        var error = Assert.Throws<InvalidOperationException>(() => procedure.GetVersionOn(new DateOnly(2024, 1, 1)));
        Assert.Contains("1.001193", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Versions_are_selected_by_date_whatever_their_order_in_the_file()
    {
        var procedure = ProcedureCatalogue.LoadFolder("9.999999-test-procedure", TestProcedureJson.Valid(), "<bpmn/>");

        Assert.Equal("Test procedure (old)", procedure.GetVersionOn(new DateOnly(2025, 6, 30)).NameEn);
        Assert.Equal("Test procedure", procedure.GetVersionOn(new DateOnly(2025, 7, 1)).NameEn);
        Assert.Equal("Test procedure", procedure.GetVersionOn(new DateOnly(2030, 1, 1)).NameEn);
        Assert.Null(procedure.VersionOn(new DateOnly(2019, 12, 31)));
    }

    [Fact]
    public void A_closed_version_leaves_a_gap_with_no_metadata()
    {
        var json = TestProcedureJson.Valid().Replace("\"effectiveFrom\": \"2025-07-01\"", "\"effectiveFrom\": \"2025-08-01\"", StringComparison.Ordinal);
        var procedure = ProcedureCatalogue.LoadFolder("9.999999-test-procedure", json, "<bpmn/>");

        Assert.Null(procedure.VersionOn(new DateOnly(2025, 7, 15)));
    }

    [Fact]
    public void A_search_on_a_past_date_uses_the_metadata_then_in_force()
    {
        var query = new ProcedureQuery { On = new DateOnly(2025, 1, 1), ImplementingLevel = UnitLevel.District };

        var matches = Shipped.Catalogue.Search(query);

        var match = Assert.Single(matches);
        Assert.Equal("2.000806", match.Procedure.Code);
        Assert.Equal(UnitLevel.District, match.Version.ImplementingLevel);
    }
}
