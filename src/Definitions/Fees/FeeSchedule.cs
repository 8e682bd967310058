using System.Collections.Immutable;

namespace DossierWorkflow.Definitions.Fees;

/// <summary>
/// The fee (phí, lệ phí) of one procedure version, in đồng. <see cref="ChargedPer"/> says what <see cref="Amount"/>
/// multiplies; page-based fees use <see cref="PageTiers"/> per copy, capped by <see cref="MaximumPerCopy"/>.
/// </summary>
public sealed record FeeSchedule
{
    /// <summary>Who sets the amount: national (Ministry of Finance circular) or the provincial People's Council.</summary>
    public required FeeAuthority SetBy { get; init; }

    /// <summary>The legal document that sets the amount, e.g. "Thông tư 226/2016/TT-BTC".</summary>
    public required string Basis { get; init; }

    public required FeeBasis ChargedPer { get; init; }

    /// <summary>Đồng per dossier or per copy; unused (0) for page-based fees. 0 means the procedure is free.</summary>
    public long Amount { get; init; }

    /// <summary>For page-based fees: the price of each page from <see cref="PageTier.FromPage"/> on, within one copy.</summary>
    public ImmutableArray<PageTier> PageTiers { get; init; } = [];

    /// <summary>Highest fee for one copy (bản), if the law caps it.</summary>
    public long? MaximumPerCopy { get; init; }

    /// <summary>Reduction for online submissions, in percent (0–100).</summary>
    public int OnlineDiscountPercent { get; init; }

    /// <summary>Cases in which no fee is charged; the caller says which apply to the applicant.</summary>
    public ImmutableArray<FeeExemption> Exemptions { get; init; } = [];

    /// <summary>
    /// When a dossier submitted online may be paid online: with the submission (the fee is known from the form), or only
    /// once reception accepted it (the fee depends on what the officer counts, e.g. pages to certify).
    /// </summary>
    public OnlinePaymentTiming OnlinePayment { get; init; } = OnlinePaymentTiming.BeforeAcceptance;
}

public enum OnlinePaymentTiming
{
    BeforeAcceptance,
    AfterAcceptance,
}

public enum FeeAuthority
{
    National,
    Province,
}

public enum FeeBasis
{
    /// <summary>One amount per dossier.</summary>
    Dossier,

    /// <summary>Per copy, document or case (bản, văn bản, trường hợp).</summary>
    Copy,

    /// <summary>Per page, by tiers, for each copy.</summary>
    Page,
}

public sealed record PageTier
{
    public required int FromPage { get; init; }

    public required long AmountPerPage { get; init; }
}

/// <summary>An exemption (miễn phí, lệ phí) identified by a stable <see cref="Code"/> (see <see cref="FeeExemptionCodes"/>).</summary>
public sealed record FeeExemption
{
    public required string Code { get; init; }

    public required string NameVi { get; init; }

    public required string NameEn { get; init; }

    public required string Basis { get; init; }
}

/// <summary>The exemption codes the shipped catalogue uses.</summary>
public static class FeeExemptionCodes
{
    /// <summary>Registered within the legal period (birth within 60 days, death within 15 days).</summary>
    public const string OnTime = "on-time";

    /// <summary>Family of a person with meritorious service to the revolution (gia đình có công với cách mạng).</summary>
    public const string MeritoriousFamily = "meritorious-family";

    /// <summary>Member of a poor household (hộ nghèo).</summary>
    public const string PoorHousehold = "poor-household";

    /// <summary>Person with a disability (người khuyết tật).</summary>
    public const string Disability = "disability";
}
