using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.OfficerUi.Pages;

public sealed class IndexModel(TimeProvider time, IOptions<DatabaseOptions> database) : PageModel
{
    private static readonly TimeZoneInfo OfficeTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public DateOnly Today { get; private set; }

    public string DatabaseProvider => database.Value.Provider == Dossiers.Persistence.DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";

    public void OnGet()
    {
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), OfficeTimeZone).DateTime);
    }
}
