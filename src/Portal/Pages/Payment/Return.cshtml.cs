using DossierWorkflow.Dossiers.Payments;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DossierWorkflow.Portal.Pages.Payment;

/// <summary>
/// Where the gateway sends the citizen's browser back: how the payment went, as the gateway's notification recorded it
/// (the browser's return itself proves nothing and changes nothing) — paid, still being confirmed, or not paid.
/// </summary>
public sealed class ReturnModel(OnlinePayments payments) : PageModel
{
    public PaymentOrder? Order { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Order = await payments.ReturnedAsync(Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal), cancellationToken);
}
