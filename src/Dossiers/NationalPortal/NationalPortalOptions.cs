using System.ComponentModel.DataAnnotations;

namespace DossierWorkflow.Dossiers.NationalPortal;

/// <summary>
/// Synchronisation with the national public-service portal (Cổng Dịch vụ công quốc gia) through the province's
/// integration platform (LGSP/NGSP), section <c>NationalPortal</c>: off unless <see cref="Url"/> is given.
/// </summary>
public sealed class NationalPortalOptions
{
    public const string SectionName = "NationalPortal";

    /// <summary>The platform's address: <c>{Url}/auth</c> opens a session, <c>{Url}/services</c> takes the calls.</summary>
    [Url]
    public string? Url { get; set; }

    /// <summary>The agency's code at the platform, sent as the <c>dstcode</c> header.</summary>
    public string? DstCode { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// The national code of a procedure, where it differs from the catalogue's (<c>NationalPortal:ProcedureCodes:1.001193=1.001193.000.00.00.H26</c>).
    /// </summary>
    public Dictionary<string, string> ProcedureCodes { get; set; } = [];

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Url);
}
