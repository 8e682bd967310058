using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.WorkflowDesign;
using DossierWorkflow.OfficerUi.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DossierWorkflow.OfficerUi.Pages.Admin.Workflows;

/// <summary>
/// Every procedure's workflow: the version new dossiers get, who published it and when, how many versions and running
/// dossiers, the draft being prepared, and whether a newer shipped workflow is offered. For administrators of the whole
/// installation: the catalogue's workflows serve every unit.
/// </summary>
[Authorize(Policy = Policies.InstallationAdministrator)]
public sealed class IndexModel(WorkflowVersions versions, CurrentWorkingCalendar calendar) : PageModel
{
    public IReadOnlyList<WorkflowSummary> Workflows { get; private set; } = [];

    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm dd/MM/yyyy");

    public async Task OnGetAsync(CancellationToken cancellationToken) => Workflows = await versions.ListAsync(cancellationToken);
}
