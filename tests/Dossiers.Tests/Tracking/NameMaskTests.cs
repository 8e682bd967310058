using DossierWorkflow.Dossiers.Tracking;

namespace DossierWorkflow.Dossiers.Tests.Tracking;

public sealed class NameMaskTests
{
    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyễn V** A")]
    [InlineData("Lê Thị Hồng Nhung", "Lê T** H** N")]
    [InlineData("Trần Bình", "Trần B")]
    [InlineData("  Phạm   Đức  Ánh ", "Phạm Đ** Á")]
    [InlineData("Hoa", "H**")]
    [InlineData("", "")]
    public void A_persons_name_keeps_the_family_name_and_the_initials_of_the_others(string name, string masked) =>
        Assert.Equal(masked, DossierTracking.MaskName(name));

    [Fact]
    public void An_initial_keeps_its_diacritics_when_the_name_was_typed_decomposed() =>
        Assert.Equal("Nguyễn Ấ** Ư", DossierTracking.MaskName("Nguyễn Ấn Ưng".Normalize(System.Text.NormalizationForm.FormD)).Normalize());

    [Theory]
    [InlineData(" 000.00.25.h26-261122-0001 ", "000.00.25.H26-261122-0001")]
    [InlineData("<script>", null)]
    [InlineData("", null)]
    [InlineData("0000000000000000000000000000000000000000000", null)]
    public void A_code_is_trimmed_and_upper_cased_or_refused(string typed, string? normalised) =>
        Assert.Equal(normalised, DossierTracking.Normalise(typed));
}
