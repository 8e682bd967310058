using System.Collections.Immutable;
using DossierWorkflow.Definitions.Fees;

namespace DossierWorkflow.Definitions.Metadata;

/// <summary>
/// The metadata of a procedure as in force from <see cref="EffectiveFrom"/> (inclusive) to <see cref="EffectiveTo"/>
/// (inclusive, open-ended when null). A dossier keeps the version that applied on the day it was received.
/// </summary>
public sealed record ProcedureVersion
{
    public required DateOnly EffectiveFrom { get; init; }

    public DateOnly? EffectiveTo { get; init; }

    /// <summary>The official Vietnamese name (tên thủ tục), as published in the national procedure database.</summary>
    public required string NameVi { get; init; }

    public required string NameEn { get; init; }

    /// <summary>The sector (lĩnh vực), in Vietnamese as published: "Hộ tịch", "Chứng thực".</summary>
    public required string Sector { get; init; }

    /// <summary>The sector in English ("Civil status"); empty in snapshots of dossiers received before it was recorded.</summary>
    public string SectorEn { get; init; } = "";

    /// <summary>The online service level under Decree 42/2022/NĐ-CP.</summary>
    public required OnlineServiceLevel OnlineLevel { get; init; }

    /// <summary>Which tier of local government handles the procedure.</summary>
    public required UnitLevel ImplementingLevel { get; init; }

    /// <summary>The handling agency in words, e.g. "Ủy ban nhân dân cấp xã".</summary>
    public required string ImplementingAgency { get; init; }

    /// <summary>The handling agency in English; empty in snapshots of dossiers received before it was recorded.</summary>
    public string ImplementingAgencyEn { get; init; } = "";

    public required LegalProcessingTime ProcessingTime { get; init; }

    /// <summary>The extra time the law allows when facts must be verified; null when the law allows none.</summary>
    public VerificationAllowance? Verification { get; init; }

    public required FeeSchedule Fee { get; init; }

    public required ImmutableArray<RequiredDocument> Documents { get; init; }

    public required ImmutableArray<DeliveryMethod> Delivery { get; init; }

    /// <summary>
    /// Whether reception chooses the departments whose opinion the dossier needs (xin ý kiến các cơ quan liên quan): the
    /// workflow asks each of them at once, over the variable <c>departments</c>.
    /// </summary>
    public bool ConsultsDepartments { get; init; }

    /// <summary>The result handed to the applicant (kết quả), e.g. "Giấy khai sinh (bản chính)".</summary>
    public required string ResultVi { get; init; }

    public required string ResultEn { get; init; }

    public required ImmutableArray<LegalDocument> LegalBasis { get; init; }

    /// <summary>Free-text remarks: provincial variations, uncertain facts, what the data simplifies.</summary>
    public string? Notes { get; init; }

    /// <summary>True when this version is in force on <paramref name="date"/>.</summary>
    public bool IsInForceOn(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is null || date <= EffectiveTo);
}

/// <summary>Online service level (mức độ dịch vụ công trực tuyến), Decree 42/2022/NĐ-CP.</summary>
public enum OnlineServiceLevel
{
    /// <summary>Toàn trình: submitted, processed, paid and returned entirely online.</summary>
    FullOnline,

    /// <summary>Một phần: some step (presenting originals, signing the register) needs the applicant in person.</summary>
    PartialOnline,
}

/// <summary>Tier of local government. Districts were abolished on 1 July 2025; the value remains for dated history.</summary>
public enum UnitLevel
{
    Province,
    District,
    Commune,
}

public enum DeliveryMethod
{
    /// <summary>At the one-stop counter (Bộ phận Một cửa).</summary>
    Counter,

    /// <summary>By the public postal service (bưu chính công ích).</summary>
    Post,
}

/// <summary>The legal processing time (thời hạn giải quyết).</summary>
public sealed record LegalProcessingTime(LegalTimeUnit Unit, int Days)
{
    public static LegalProcessingTime SameDay { get; } = new(LegalTimeUnit.SameDay, 0);

    /// <summary>The time in working days; 0 for a same-day procedure.</summary>
    public int WorkingDays => Unit == LegalTimeUnit.SameDay ? 0 : Days;

    public override string ToString() => Unit == LegalTimeUnit.SameDay ? "same day" : $"{Days} working day(s)";
}

public enum LegalTimeUnit
{
    /// <summary>Trong ngày: returned on the day of receipt (the next working day when received after 15:00).</summary>
    SameDay,

    WorkingDays,
}

/// <summary>The extra working days the law allows for verification (xác minh), and when they apply, in words.</summary>
public sealed record VerificationAllowance
{
    public required int ExtraWorkingDays { get; init; }

    public required string WhenVi { get; init; }

    public required string WhenEn { get; init; }
}

/// <summary>A document the applicant submits or shows (thành phần hồ sơ).</summary>
public sealed record RequiredDocument
{
    public required string NameVi { get; init; }

    public required string NameEn { get; init; }

    public required DocumentForm Form { get; init; }

    public required int Copies { get; init; }

    public required DocumentRequirement Requirement { get; init; }

    /// <summary>For a conditional document: when it is required, in words.</summary>
    public string? ConditionVi { get; init; }

    public string? ConditionEn { get; init; }
}

public enum DocumentForm
{
    /// <summary>Bản chính: the original is submitted.</summary>
    Original,

    /// <summary>Bản sao: a plain copy (the original shown for comparison, or a copy from the master register).</summary>
    Copy,

    /// <summary>Bản sao có chứng thực.</summary>
    CertifiedCopy,

    /// <summary>Xuất trình: shown to the officer, not kept.</summary>
    ShowOriginal,
}

public enum DocumentRequirement
{
    Mandatory,
    Conditional,
}

/// <summary>A legal document the procedure rests on, e.g. "60/2014/QH13" "Luật Hộ tịch".</summary>
public sealed record LegalDocument
{
    public required string Number { get; init; }

    public required string Title { get; init; }
}
