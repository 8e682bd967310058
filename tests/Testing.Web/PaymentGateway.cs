using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DossierWorkflow.Testing.Web;

/// <summary>
/// An HTTP server on a loopback port playing a Vietnamese bank's payment gateway (VNPAY's signed-redirect protocol,
/// version 2.1.0): its payment page checks the signature of the portal's redirect and keeps the order; then, as the bank
/// does once the citizen paid, it signs its notification and sends it to the portal's notification address. The signing
/// is written here from the protocol, not borrowed from the app, so that a mistake on either side shows.
/// </summary>
public sealed class PaymentGateway : IAsyncDisposable
{
    public const string MerchantCode = "DWTEST01";
    public const string Secret = "payment-gateway-test-secret";

    private readonly WebApplication _app;

    private PaymentGateway(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The gateway's payment page.</summary>
    public Uri Url { get; }

    /// <summary>The orders brought to the payment page with a valid signature, by reference.</summary>
    public ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Orders { get; } = new();

    /// <summary>How many redirects came with a signature that did not hold.</summary>
    public int Forged { get; private set; }

    public static async Task<PaymentGateway> StartAsync()
    {
        var port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var gateway = new PaymentGateway(app, new Uri($"http://127.0.0.1:{port}/paymentv2/vpcpay.html"));
        app.MapGet("/paymentv2/vpcpay.html", (HttpContext context) =>
        {
            var parameters = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            if (!parameters.TryGetValue("vnp_SecureHash", out var signature) || signature != Sign(parameters) || parameters.GetValueOrDefault("vnp_TmnCode") != MerchantCode)
            {
                gateway.Forged++;
                return Results.Text("Sai chữ ký", statusCode: StatusCodes.Status400BadRequest);
            }

            gateway.Orders[parameters["vnp_TxnRef"]] = parameters;
            return Results.Text("<!DOCTYPE html><title>Cổng thanh toán</title><h1>Thanh toán</h1>", "text/html");
        });
        await app.StartAsync();
        return gateway;
    }

    /// <summary>
    /// The bank's notification of an order to the portal (<c>GET /thanh-toan/ipn</c> through <paramref name="portal"/>):
    /// paid or not, for the amount asked (or another), signed (or with a signature spoiled); returns the portal's answer.
    /// </summary>
    public async Task<(string Code, string Message)> NotifyAsync(HttpClient portal, string orderRef, bool paid = true, long? amount = null, bool tamper = false)
    {
        var order = Orders[orderRef];
        var notification = new Dictionary<string, string>
        {
            ["vnp_TmnCode"] = MerchantCode,
            ["vnp_Amount"] = amount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? order["vnp_Amount"],
            ["vnp_BankCode"] = "NCB",
            ["vnp_CurrCode"] = "VND",
            ["vnp_OrderInfo"] = order["vnp_OrderInfo"],
            ["vnp_PayDate"] = DateTime.UtcNow.AddHours(7).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture),
            ["vnp_ResponseCode"] = paid ? "00" : "24",
            ["vnp_TransactionNo"] = TransactionNo(orderRef),
            ["vnp_TransactionStatus"] = paid ? "00" : "02",
            ["vnp_TxnRef"] = orderRef,
        };
        notification["vnp_SecureHash"] = tamper ? Sign(notification.Append(new("vnp_Amount", "1"))) : Sign(notification);
        var answer = await portal.GetFromJsonAsync<JsonElement>($"/thanh-toan/ipn?{Query(notification)}", TestContext.Current.CancellationToken);
        return (answer.GetProperty("rspCode").GetString()!, answer.GetProperty("message").GetString()!);
    }

    /// <summary>Where the gateway sends the browser back after the payment, signed as the gateway signs it.</summary>
    public string ReturnAddress(string orderRef, bool paid = true)
    {
        var order = Orders[orderRef];
        var back = new Dictionary<string, string>
        {
            ["vnp_TmnCode"] = MerchantCode,
            ["vnp_Amount"] = order["vnp_Amount"],
            ["vnp_ResponseCode"] = paid ? "00" : "24",
            ["vnp_TransactionNo"] = TransactionNo(orderRef),
            ["vnp_TransactionStatus"] = paid ? "00" : "02",
            ["vnp_TxnRef"] = orderRef,
        };
        back["vnp_SecureHash"] = Sign(back);
        return $"{new Uri(order["vnp_ReturnUrl"]).PathAndQuery}?{Query(back)}";
    }

    /// <summary>The bank's transaction number of an order (the reference the dossier records).</summary>
    public static string TransactionNo(string orderRef) => $"1{Math.Abs(orderRef.GetHashCode(StringComparison.Ordinal)) % 100_000_000:00000000}";

    private static string Query(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => $"{WebUtility.UrlEncode(p.Key)}={WebUtility.UrlEncode(p.Value)}"));

    /// <summary>VNPAY 2.1.0: the parameters but the signature, sorted by name, form-encoded, joined; HMAC-SHA512, lower-case hex.</summary>
    private static string Sign(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = string.Join('&', parameters.Where(p => p.Key is not ("vnp_SecureHash" or "vnp_SecureHashType") && p.Value.Length > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{WebUtility.UrlEncode(p.Key)}={WebUtility.UrlEncode(p.Value)}"));
        return Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(data)));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
