using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Portal.Localization;
using DossierWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.Portal.Pages.Submission;

/// <summary>Step 4: how the result is to be received — at the counter, or by post to an address when the procedure allows it.</summary>
[OwnTransactions]
public sealed class DeliveryModel(OnlineSubmissions submissions, IStringLocalizer<PortalText> text) : DraftPage(submissions, text)
{
    public override DraftStep Step => DraftStep.Delivery;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, [FromForm] ResultDelivery delivery, [FromForm] string? deliveryAddress, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        ModelState.Clear();
        if (!Fits(("DeliveryAddress", deliveryAddress?.Trim(), 500)))
        {
            return Page();
        }

        Draft.Delivery = delivery;
        Draft.DeliveryAddress = delivery == ResultDelivery.Post && !string.IsNullOrWhiteSpace(deliveryAddress) ? deliveryAddress.Trim() : null;
        return await SaveAndContinueAsync(OnlineSubmissions.CheckDelivery(Draft, Version), cancellationToken);
    }
}
