using DossierWorkflow.OfficerUi.Localization;
using DossierWorkflow.Web.Localization;

namespace DossierWorkflow.OfficerUi.Tests.Localization;

/// <summary>Formats come from ICU's vi-VN data; these fail if the app ever runs with invariant globalization.</summary>
public sealed class VietnameseFormatTests
{
    private readonly IFormatProvider _vietnamese = LocalizationSetup.Vietnamese;

    [Fact]
    public void Dates_are_written_day_month_year()
    {
        Assert.Equal("02/09/2026", new DateOnly(2026, 9, 2).ToString("d", _vietnamese));
    }

    [Fact]
    public void Numbers_group_thousands_with_dots_and_use_a_decimal_comma()
    {
        Assert.Equal("1.234.567,5", 1234567.5m.ToString("#,##0.##", _vietnamese));
    }

    [Fact]
    public void Money_is_written_in_dong_without_decimals()
    {
        Assert.Equal("200.000 ₫", 200000m.ToString("C0", _vietnamese).Replace('\u00A0', ' '));
    }
}
