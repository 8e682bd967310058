using DossierWorkflow.Dossiers.Organisation;

namespace DossierWorkflow.Dossiers.Tests.Organisation;

public sealed class UnitScopesTests
{
    private static readonly Unit Province = new() { Id = 1, Code = "HN", Name = "Hà Nội", Kind = UnitKind.Province };
    private static readonly Unit Commune = new() { Id = 2, Code = "HN.HOANKIEM", Name = "Phường Hoàn Kiếm", Kind = UnitKind.Commune, ParentId = 1 };
    private static readonly Unit Office = new() { Id = 3, Code = "HN.HOANKIEM.VP", Name = "Văn phòng", Kind = UnitKind.Department, ParentId = 2 };
    private static readonly Unit OtherOffice = new() { Id = 4, Code = "HN.SOCSON.VP", Name = "Văn phòng", Kind = UnitKind.Department, ParentId = 5 };
    private static readonly Unit[] Units = [Province, Commune, Office, OtherOffice];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("receiving-unit")]
    public void Without_a_scope_the_receiving_unit_handles_the_step(string? scope)
    {
        Assert.Same(Commune, UnitScopes.Resolve(scope, Commune, Units).Unit);
    }

    [Fact]
    public void The_parent_unit_scope_goes_one_level_up()
    {
        Assert.Same(Province, UnitScopes.Resolve("parent-unit", Commune, Units).Unit);
    }

    [Theory]
    [InlineData("department:VP")]
    [InlineData("department:vp")]
    [InlineData("department:HN.HOANKIEM.VP")]
    public void A_department_is_found_among_the_receiving_units_children(string scope)
    {
        Assert.Same(Office, UnitScopes.Resolve(scope, Commune, Units).Unit);
    }

    [Fact]
    public void A_department_of_another_commune_is_not_used()
    {
        var (unit, error) = UnitScopes.Resolve("department:HN.SOCSON.VP", Commune, Units);

        Assert.Null(unit);
        Assert.Contains("has no department 'HN.SOCSON.VP'", error);
    }

    [Fact]
    public void An_unknown_scope_says_which_scopes_exist()
    {
        var (unit, error) = UnitScopes.Resolve("district", Commune, Units);

        Assert.Null(unit);
        Assert.Contains("'receiving-unit', 'parent-unit' or 'department:<code>'", error);
    }

    [Fact]
    public void A_province_has_no_parent_unit()
    {
        Assert.Contains("has no parent unit", UnitScopes.Resolve("parent-unit", Province, Units).Error);
    }
}
