using DossierWorkflow.Dossiers.Payments;

namespace DossierWorkflow.Portal.Payments;

/// <summary>
/// <c>GET /thanh-toan/ipn</c>: the payment gateway's server-to-server notification (its <c>vnp_*</c> parameters, signed),
/// the only word on a payment the portal trusts — recorded once (<see cref="OnlinePayments.ConfirmAsync"/>) and answered
/// as the gateway expects: <c>{"RspCode": "00", "Message": "Confirm Success"}</c>. Register this address at the gateway.
/// </summary>
internal static class PaymentNotificationEndpoint
{
    public static IEndpointRouteBuilder MapPaymentNotifications(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/thanh-toan/ipn", async (HttpContext context, OnlinePayments payments) =>
        {
            if (!payments.IsEnabled)
            {
                return Results.NotFound();
            }

            var parameters = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            var notice = await payments.ConfirmAsync(parameters, context.RequestAborted);
            return Results.Json(new { RspCode = notice.Code, notice.Message });
        });
        return endpoints;
    }
}
