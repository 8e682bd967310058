using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Fees;
using DossierWorkflow.Definitions.Metadata;

namespace DossierWorkflow.Definitions.Tests.Metadata;

public sealed class ProcedureMetadataTests
{
    [Fact]
    public void The_catalogue_ships_fifteen_commune_procedures_and_one_provincial_procedure()
    {
        var codes = Shipped.Catalogue.Procedures.Select(p => p.Code);

        Assert.Equal(
            ["1.000656", "1.000894", "1.001022", "1.001193", "1.004837", "1.004845", "1.004859", "1.004873", "1.004884",
             "1.009974", "1.012830", "2.000635", "2.000806", "2.000815", "2.000884", "2.001019"],
            codes);
        Assert.Equal(["1.009974"], Shipped.Catalogue.Procedures.Where(p => p.GetVersionOn(Shipped.Today).ImplementingLevel == UnitLevel.Province).Select(p => p.Code));
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void Every_procedure_has_complete_metadata_in_force_today(string code)
    {
        var procedure = Shipped.Procedure(code);

        var version = procedure.GetVersionOn(Shipped.Today);

        Assert.Contains(version.ImplementingLevel, new[] { UnitLevel.Commune, UnitLevel.Province });
        Assert.Contains(version.Sector, new[] { "Hộ tịch", "Chứng thực", "Hoạt động xây dựng" });
        Assert.StartsWith("Thủ tục ", version.NameVi, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(version.NameEn));
        Assert.NotEmpty(version.Documents);
        Assert.All(version.Documents, d => Assert.Equal(d.Requirement == DocumentRequirement.Conditional, d.ConditionVi is not null && d.ConditionEn is not null));
        Assert.Contains(version.Documents, d => d.Requirement == DocumentRequirement.Mandatory);
        Assert.Contains(DeliveryMethod.Counter, version.Delivery);
        Assert.NotEmpty(version.LegalBasis);
        Assert.False(string.IsNullOrWhiteSpace(version.Fee.Basis));
        Assert.False(string.IsNullOrWhiteSpace(version.Notes));
        Assert.Equal(version.ProcessingTime.Unit == LegalTimeUnit.SameDay, version.ProcessingTime.Days == 0);
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void Provincial_fees_say_in_the_notes_that_the_amount_is_typical(string code)
    {
        var version = Shipped.Procedure(code).GetVersionOn(Shipped.Today);

        if (version.Fee is { SetBy: FeeAuthority.Province, Amount: > 0 })
        {
            Assert.Contains("typical", version.Notes, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_legal_times_are_those_of_the_law()
    {
        var expected = new Dictionary<string, (int Days, int Extra)>
        {
            ["1.001193"] = (0, 0), ["1.000894"] = (0, 5), ["1.000656"] = (0, 3), ["1.004873"] = (3, 3), ["1.001022"] = (3, 5),
            ["1.004859"] = (3, 3), ["1.004884"] = (5, 5), ["1.004837"] = (3, 0), ["1.004845"] = (2, 0), ["2.000635"] = (0, 0),
            ["2.000815"] = (0, 0), ["2.000884"] = (0, 0), ["2.001019"] = (2, 0), ["2.000806"] = (15, 0),
            // Construction Law Art. 102 (20 days for works); the electronic birth and residence package (Decision 296/QĐ-VPCP).
            ["1.009974"] = (20, 0), ["1.012830"] = (3, 0),
        };

        var actual = Shipped.Catalogue.Procedures.ToDictionary(
            p => p.Code,
            p => p.GetVersionOn(Shipped.Today) is var v ? (v.ProcessingTime.WorkingDays, v.Verification?.ExtraWorkingDays ?? 0) : default);

        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
    }

    [Fact]
    public void Loading_a_procedure_gives_its_bpmn_and_sorted_versions()
    {
        var procedure = Shipped.Procedure("2.000806");

        Assert.Equal("marriage-registration-foreign", procedure.Key);
        Assert.Contains("<bpmn:process id=\"marriage-registration-foreign\"", procedure.WorkflowBpmn, StringComparison.Ordinal);
        Assert.True(procedure.Versions[0].EffectiveFrom < procedure.Versions[1].EffectiveFrom);
    }

    [Fact]
    public void The_schema_ships_with_the_catalogue_and_documents_every_version_field()
    {
        var schema = System.Text.Json.Nodes.JsonNode.Parse(
            ProcedureCatalogue.ReadResource(typeof(ProcedureCatalogue).Assembly, "Procedures/procedure.schema.json"))!;
        var documented = schema["$defs"]!["version"]!["properties"]!.AsObject().Select(p => p.Key).Order();

        var modelled = typeof(ProcedureVersion).GetProperties()
            .Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Order();

        Assert.Equal(modelled, documented);
    }
}
