using System.Globalization;
using DossierWorkflow.Definitions.Metadata;

namespace DossierWorkflow.Definitions.Fees;

/// <summary>Applies a <see cref="FeeSchedule"/>: exemptions first, then the base amount, then the online discount.</summary>
internal static class FeeCalculator
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static FeeQuote Compute(ProcedureVersion version, int copies, int pages, bool isOnline, IEnumerable<string> exemptions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);
        ArgumentNullException.ThrowIfNull(exemptions);

        var fee = version.Fee;
        var claimed = exemptions.ToHashSet(StringComparer.Ordinal);
        var exemption = fee.Exemptions.FirstOrDefault(e => claimed.Contains(e.Code));
        if (exemption is not null)
        {
            return new FeeQuote(
                0,
                $"Exempt: {exemption.NameEn} ({exemption.Basis}).",
                $"Miễn: {exemption.NameVi} ({exemption.Basis}).");
        }

        var (amount, en, vi) = Base(fee, copies, pages);
        if (amount == 0)
        {
            return new FeeQuote(0, $"No fee is charged ({fee.Basis}).", $"Không thu phí, lệ phí ({fee.Basis}).");
        }

        if (isOnline && fee.OnlineDiscountPercent > 0)
        {
            var discount = (long)Math.Round(amount * fee.OnlineDiscountPercent / 100m, MidpointRounding.AwayFromZero);
            en += $"; online submission: {fee.OnlineDiscountPercent}% off ({Money(discount)} đ)";
            vi += $"; nộp trực tuyến: giảm {fee.OnlineDiscountPercent}% ({Money(discount)} đ)";
            amount -= discount;
        }

        return new FeeQuote(amount, $"{en} = {Money(amount)} đ ({fee.Basis}).", $"{vi} = {Money(amount)} đ ({fee.Basis}).");
    }

    private static (long Amount, string En, string Vi) Base(FeeSchedule fee, int copies, int pages) => fee.ChargedPer switch
    {
        FeeBasis.Dossier => (fee.Amount, $"{Money(fee.Amount)} đ per dossier", $"{Money(fee.Amount)} đ/hồ sơ"),
        FeeBasis.Copy => (
            fee.Amount * copies,
            $"{copies} × {Money(fee.Amount)} đ per copy",
            $"{copies} × {Money(fee.Amount)} đ/bản"),
        FeeBasis.Page => PerPage(fee, copies, pages),
        _ => throw new InvalidOperationException($"Unknown fee basis {fee.ChargedPer}."),
    };

    private static (long Amount, string En, string Vi) PerPage(FeeSchedule fee, int copies, int pages)
    {
        var tiers = fee.PageTiers.OrderBy(t => t.FromPage).ToArray();
        var perCopy = 0L;
        var partsEn = new List<string>();
        var partsVi = new List<string>();
        for (var i = 0; i < tiers.Length && tiers[i].FromPage <= pages; i++)
        {
            var last = i + 1 < tiers.Length ? Math.Min(pages, tiers[i + 1].FromPage - 1) : pages;
            var count = last - tiers[i].FromPage + 1;
            perCopy += count * tiers[i].AmountPerPage;
            var range = count == 1 ? $"page {tiers[i].FromPage}" : $"pages {tiers[i].FromPage}–{last}";
            var rangeVi = count == 1 ? $"trang {tiers[i].FromPage}" : $"trang {tiers[i].FromPage}–{last}";
            partsEn.Add($"{range}: {count} × {Money(tiers[i].AmountPerPage)} đ");
            partsVi.Add($"{rangeVi}: {count} × {Money(tiers[i].AmountPerPage)} đ");
        }

        var en = $"{pages} page(s) per copy ({string.Join(", ", partsEn)}) = {Money(perCopy)} đ";
        var vi = $"{pages} trang/bản ({string.Join(", ", partsVi)}) = {Money(perCopy)} đ";
        if (fee.MaximumPerCopy is { } cap && perCopy > cap)
        {
            perCopy = cap;
            en += $", capped at {Money(cap)} đ per copy";
            vi += $", tối đa {Money(cap)} đ/bản";
        }

        return (perCopy * copies, $"{en}; {copies} cop{(copies == 1 ? "y" : "ies")}", $"{vi}; {copies} bản");
    }

    private static string Money(long amount) => amount.ToString("N0", Vietnamese);
}
