using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.OfficerUi.Pages;

public sealed class IndexModel(TimeProvider time, CurrentWorkingCalendar calendar, IOptions<DatabaseOptions> database) : PageModel
{
    public DateOnly Today { get; private set; }

    public string DatabaseProvider => database.Value.Provider == Dossiers.Persistence.DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";

    /// <summary>Today in office time, from the calendar's time zone like every other office date.</summary>
    public void OnGet() => Today = calendar.Calendar.LocalDate(time.GetUtcNow());
}
