using System.ComponentModel.DataAnnotations;

namespace DossierWorkflow.Dossiers.Payments;

/// <summary>
/// The province's online payment gateway (section <c>Payments:Gateway</c>), off unless <see cref="Url"/>,
/// <see cref="MerchantCode"/> and <see cref="Secret"/> are all given: the bank gateway's payment page, the merchant code
/// it gave the province, and the secret both sides sign with (HMAC-SHA512).
/// </summary>
public sealed class PaymentGatewayOptions
{
    public const string SectionName = "Payments:Gateway";

    /// <summary>The gateway's payment page, e.g. <c>https://pay.vnpay.vn/vpcpay.html</c>.</summary>
    [Url]
    public string? Url { get; set; }

    /// <summary>The merchant (terminal) code the gateway gave the province (<c>vnp_TmnCode</c>).</summary>
    public string? MerchantCode { get; set; }

    /// <summary>The shared secret requests and notifications are signed with.</summary>
    public string? Secret { get; set; }

    /// <summary>How long the citizen has to pay on the gateway's page.</summary>
    [Range(1, 1440)]
    public int PayWithinMinutes { get; set; } = 15;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Url) && !string.IsNullOrWhiteSpace(MerchantCode) && !string.IsNullOrWhiteSpace(Secret);
}
