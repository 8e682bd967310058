using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Portal.Localization;
using DossierWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.Portal.Pages.Submission;

/// <summary>Step 1: the unit that is to receive the dossier, among those of the procedure's level.</summary>
[OwnTransactions]
public sealed class UnitModel(OnlineSubmissions submissions, IStringLocalizer<PortalText> text) : DraftPage(submissions, text)
{
    public override DraftStep Step => DraftStep.Unit;

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        Units = await Submissions.ReceivingUnitsAsync(Version, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromForm] string? receivingUnit, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        Units = await Submissions.ReceivingUnitsAsync(Version, cancellationToken);
        // Only a unit of the list is kept; anything else is refused by the check below, the draft's choice unchanged.
        Draft.ReceivingUnit = Units.Any(u => u.Code == receivingUnit) ? receivingUnit : Draft.ReceivingUnit;
        if (!string.IsNullOrWhiteSpace(receivingUnit) && receivingUnit != Draft.ReceivingUnit)
        {
            ModelState.AddModelError("ReceivingUnit", Text["Problem.UnknownUnit"]);
            return Page();
        }
        return await SaveAndContinueAsync(await Submissions.CheckUnitAsync(Draft, Version, cancellationToken), cancellationToken);
    }
}
