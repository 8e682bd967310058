using DossierWorkflow.Definitions.Fees;

namespace DossierWorkflow.Definitions.Tests.Fees;

public sealed class FeeTests
{
    private static readonly DateOnly Today = Shipped.Today;

    private static FeeQuote Fee(string code, int copies = 1, int pages = 1, bool online = false, params string[] exemptions) =>
        Shipped.Catalogue.ComputeFee(Shipped.Procedure(code), copies, pages, online, exemptions, Today);

    [Theory]
    [InlineData(1, 2_000)]
    [InlineData(2, 4_000)]
    [InlineData(3, 5_000)]
    [InlineData(10, 12_000)]
    [InlineData(198, 200_000)]
    [InlineData(250, 200_000)]
    public void A_certified_copy_costs_2000_per_page_then_1000_from_page_three_capped_at_200000(int pages, long expected)
    {
        var quote = Fee("2.000815", pages: pages);

        Assert.Equal(expected, quote.Amount);
    }

    [Fact]
    public void The_cap_applies_to_each_copy_and_the_explanation_says_so()
    {
        var quote = Fee("2.000815", copies: 2, pages: 250);

        Assert.Equal(400_000, quote.Amount);
        Assert.Contains("capped at 200.000 đ per copy", quote.Explanation, StringComparison.Ordinal);
        Assert.Contains("tối đa 200.000 đ/bản", quote.ExplanationVi, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_pages_are_explained_tier_by_tier()
    {
        var quote = Fee("2.000815", pages: 3);

        Assert.Contains("pages 1–2: 2 × 2.000 đ", quote.Explanation, StringComparison.Ordinal);
        Assert.Contains("page 3: 1 × 1.000 đ", quote.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 8_000)]
    [InlineData(3, 24_000)]
    public void Civil_status_extract_copies_cost_8000_each(int copies, long expected)
    {
        Assert.Equal(expected, Fee("2.000635", copies: copies).Amount);
    }

    [Fact]
    public void Signature_certification_costs_10000_per_paper()
    {
        Assert.Equal(20_000, Fee("2.000884", copies: 2).Amount);
    }

    [Fact]
    public void Birth_registration_within_60_days_is_exempt()
    {
        var quote = Fee("1.001193", exemptions: FeeExemptionCodes.OnTime);

        Assert.Equal(0, quote.Amount);
        Assert.Contains("60 days", quote.Explanation, StringComparison.Ordinal);
        Assert.Contains("Điều 11", quote.ExplanationVi, StringComparison.Ordinal);
    }

    [Fact]
    public void Late_birth_registration_pays_the_provincial_fee()
    {
        Assert.Equal(8_000, Fee("1.001193").Amount);
    }

    [Fact]
    public void A_poor_household_is_exempt_from_civil_status_fees()
    {
        Assert.Equal(0, Fee("1.004873", exemptions: FeeExemptionCodes.PoorHousehold).Amount);
    }

    [Fact]
    public void An_exemption_the_procedure_does_not_grant_changes_nothing()
    {
        Assert.Equal(8_000, Fee("2.000635", exemptions: FeeExemptionCodes.PoorHousehold).Amount);
    }

    [Fact]
    public void An_online_submission_gets_the_recorded_discount()
    {
        var quote = Fee("1.004873", online: true);

        Assert.Equal(7_500, quote.Amount);
        Assert.Contains("online submission: 50% off", quote.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Procedures_without_an_online_discount_cost_the_same_online()
    {
        Assert.Equal(Fee("2.000815", pages: 3).Amount, Fee("2.000815", pages: 3, online: true).Amount);
    }

    [Theory]
    [InlineData("1.000894")]
    [InlineData("1.004837")]
    public void Free_procedures_cost_nothing_and_say_why(string code)
    {
        var quote = Fee(code);

        Assert.Equal(0, quote.Amount);
        Assert.Contains("No fee", quote.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fee_follows_the_version_in_force_on_the_date()
    {
        var procedure = Shipped.Procedure("1.001193");

        Assert.Throws<InvalidOperationException>(() => Shipped.Catalogue.ComputeFee(procedure, 1, 1, false, [], new DateOnly(2020, 1, 1)));
    }

    [Fact]
    public void Zero_copies_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Fee("2.000635", copies: 0));
    }
}
