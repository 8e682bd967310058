namespace DossierWorkflow.Dossiers.Forms;

/// <summary>
/// The issuing side of a form, as printed in its top-left block and date line. Give the names as they are
/// printed on official documents (upper case), e.g. "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" / "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM".
/// </summary>
/// <param name="ParentAgency">The governing agency (cơ quan chủ quản); may be empty.</param>
/// <param name="AgencyName">The issuing agency or unit.</param>
/// <param name="Place">Place name of the date line ("Hoàn Kiếm, ngày … tháng … năm …").</param>
public sealed record AgencyHeader(string ParentAgency, string AgencyName, string Place);

/// <summary>The person or organisation a form concerns.</summary>
public sealed record Applicant(
    string FullName,
    string? IdNumber = null,
    string? Address = null,
    string? Phone = null,
    string? Email = null,
    string? Representative = null);

/// <summary>Who signs on behalf of the agency, e.g. Position "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".</summary>
public sealed record Signatory(string Position, string FullName);

/// <summary>How the applicant collects the result.</summary>
public enum ResultDeliveryMethod
{
    AtCounter,
    PublicPostal,
    Online,
}
