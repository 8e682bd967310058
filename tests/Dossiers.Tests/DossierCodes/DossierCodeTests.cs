using DossierWorkflow.Dossiers.DossierCodes;

namespace DossierWorkflow.Dossiers.Tests.DossierCodes;

public sealed class DossierCodeTests
{
    [Fact]
    public void A_code_joins_agency_date_and_a_four_digit_sequence()
    {
        var code = new DossierCode("000.00.25.H12", new DateOnly(2026, 11, 22), 1);

        Assert.Equal("000.00.25.H12-261122-0001", code.ToString());
    }

    [Fact]
    public void Sequences_beyond_four_digits_keep_every_digit()
    {
        Assert.Equal("H12-261122-12345", new DossierCode("H12", new DateOnly(2026, 11, 22), 12345).ToString());
    }

    [Theory]
    [InlineData("000.00.25.H12-261122-0001", "000.00.25.H12", 2026, 11, 22, 1)]
    [InlineData("  000.00.25.h12-261122-0042 ", "000.00.25.H12", 2026, 11, 22, 42)]
    [InlineData("H12-270206-10000", "H12", 2027, 2, 6, 10000)]
    public void A_typed_code_is_read_back(string text, string agency, int year, int month, int day, int sequence)
    {
        Assert.True(DossierCode.TryParse(text, out var code));
        Assert.Equal(new DossierCode(agency, new DateOnly(year, month, day), sequence), code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("000.00.25.H12-261122-001")]
    [InlineData("000.00.25.H12-261322-0001")]
    [InlineData("000.00.25.H12-261122-0000")]
    [InlineData("000.00.25.H12 261122 0001")]
    [InlineData("-261122-0001")]
    public void Malformed_codes_are_refused(string? text)
    {
        Assert.False(DossierCode.TryParse(text, out _));
    }
}
