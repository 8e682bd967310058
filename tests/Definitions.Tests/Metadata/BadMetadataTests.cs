using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;

namespace DossierWorkflow.Definitions.Tests.Metadata;

public sealed class BadMetadataTests
{
    private const string Folder = "9.999999-test-procedure";
    private const string FileName = "Procedures/9.999999-test-procedure/procedure.json";

    [Fact]
    public void A_valid_hand_made_procedure_loads()
    {
        var procedure = ProcedureCatalogue.LoadFolder(Folder, TestProcedureJson.Valid(), "<bpmn/>");

        Assert.Equal("test-procedure", procedure.Key);
        Assert.Equal(2, procedure.Versions.Length);
    }

    [Fact]
    public void A_missing_field_names_the_file_and_the_field()
    {
        var json = TestProcedureJson.Valid().Replace("\"nameVi\": \"Thủ tục thử\",", "", StringComparison.Ordinal);

        var error = Assert.Throws<ProcedureMetadataException>(() => ProcedureCatalogue.LoadFolder(Folder, json, "<bpmn/>"));

        Assert.Equal(FileName, error.FileName);
        Assert.Contains(FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("$.versions[0]: required field(s) missing: 'nameVi'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_english_sector_names_the_field()
    {
        var json = TestProcedureJson.Valid().Replace("\"sectorEn\": \"Certification\",", "", StringComparison.Ordinal);

        var error = Assert.Throws<ProcedureMetadataException>(() => ProcedureCatalogue.LoadFolder(Folder, json, "<bpmn/>"));

        Assert.Contains("$.versions[0].sectorEn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_enum_value_names_the_field()
    {
        var json = TestProcedureJson.Valid().Replace("\"same-day\"", "\"tomorrow\"", StringComparison.Ordinal);

        var error = Assert.Throws<ProcedureMetadataException>(() => ProcedureCatalogue.LoadFolder(Folder, json, "<bpmn/>"));

        Assert.Contains("$.versions[0].processingTime.unit: invalid value; allowed: same-day, working-days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_field()
    {
        var json = TestProcedureJson.Valid().Replace("\"copies\": 1, \"requirement\": \"mandatory\" },", "\"copies\": \"one\", \"requirement\": \"mandatory\" },", StringComparison.Ordinal);

        var error = Assert.Throws<ProcedureMetadataException>(() => ProcedureCatalogue.LoadFolder(Folder, json, "<bpmn/>"));

        Assert.Contains("$.versions[0].documents[0].copies: invalid value for this field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_property_is_rejected_rather_than_ignored()
    {
        var json = TestProcedureJson.Valid().Replace("\"resultEn\"", "\"resultENG\"", StringComparison.Ordinal);

        var error = Assert.Throws<ProcedureMetadataException>(() => ProcedureCatalogue.LoadFolder(Folder, json, "<bpmn/>"));

        Assert.Contains("$.versions[0].resultENG: unknown field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_semantic_problem_is_reported_at_once_with_its_path()
    {
        var json = TestProcedureJson.Valid()
            .Replace("\"days\": 0", "\"days\": 2", StringComparison.Ordinal)
            .Replace("\"requirement\": \"conditional\", \"conditionVi\": \"Khi có\", \"conditionEn\": \"When any\"", "\"requirement\": \"conditional\"", StringComparison.Ordinal)
            .Replace("\"pageTiers\": [{ \"fromPage\": 1, \"amountPerPage\": 2000 }, { \"fromPage\": 3, \"amountPerPage\": 1000 }],", "", StringComparison.Ordinal)
            .Replace("\"code\": \"9.999999\"", "\"code\": \"9999\"", StringComparison.Ordinal);

        var error = Assert.Throws<ProcedureMetadataException>(() => ProcedureCatalogue.LoadFolder("9999-test-procedure", json, "<bpmn/>"));

        Assert.Contains(error.Problems, p => p.StartsWith("$.code:", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("$.versions[0].processingTime.days:", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("$.versions[0].documents[1].conditionVi:", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("$.versions[0].fee.pageTiers: required when chargedPer is page", StringComparison.Ordinal));
    }

    [Fact]
    public void Overlapping_versions_are_rejected()
    {
        var json = TestProcedureJson.Valid().Replace("\"effectiveTo\": \"2025-06-30\"", "\"effectiveTo\": \"2025-07-01\"", StringComparison.Ordinal);

        var error = Assert.Throws<ProcedureMetadataException>(() => ProcedureCatalogue.LoadFolder(Folder, json, "<bpmn/>"));

        Assert.Contains(error.Problems, p => p.Contains("effectiveTo: 2025-07-01 overlaps", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_not_named_after_code_and_key_is_rejected()
    {
        var error = Assert.Throws<ProcedureMetadataException>(() => ProcedureCatalogue.LoadFolder("9.999999-other", TestProcedureJson.Valid(), "<bpmn/>"));

        Assert.Contains(error.Problems, p => p.Contains("must be named '9.999999-test-procedure'", StringComparison.Ordinal));
    }
}
