using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Pages.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.OfficerUi.Pages;

/// <summary>The officer's start page: today's office date and a summary of their work.</summary>
public sealed class IndexModel(TimeProvider time, CurrentWorkingCalendar calendar, IWorkflowEngine engine, IOptions<DatabaseOptions> database) : PageModel
{
    /// <summary>Counts stop here ("100+"): the summary is a glance, the task list has the detail.</summary>
    public const int CountLimit = 100;

    public DateOnly Today { get; private set; }

    public string DatabaseProvider => database.Value.Provider == global::DossierWorkflow.Dossiers.Persistence.DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";

    public int Held { get; private set; }

    public int Waiting { get; private set; }

    /// <summary>Tasks held or waiting due later today.</summary>
    public int DueToday { get; private set; }

    /// <summary>Tasks held or waiting whose step deadline has passed.</summary>
    public int Overdue { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // A manager without a step to handle starts on the reports, not on an empty work queue.
        string[] handling = [Roles.Reception, Roles.Specialist, Roles.Leader, Roles.Clerk];
        if (User.IsInRole(Roles.Manager) && !handling.Any(User.IsInRole))
        {
            return RedirectToPage("/Reports/Index");
        }

        // Today in office time, from the calendar's time zone like every other office date.
        var now = time.GetUtcNow();
        Today = calendar.Calendar.LocalDate(now);
        var work = await WorkQueues.ReadAsync(engine, User, new WorkItemFilter { Take = CountLimit }, cancellationToken);
        var waiting = work.Queues.SelectMany(q => q.Items).DistinctBy(i => i.Id).ToList();
        var tomorrow = calendar.Calendar.At(Today.AddDays(1), TimeOnly.MinValue);
        Held = work.Mine.Count;
        Waiting = waiting.Count;
        Overdue = work.Mine.Concat(waiting).Count(i => i.DueAt < now);
        DueToday = work.Mine.Concat(waiting).Count(i => i.DueAt >= now && i.DueAt < tomorrow);
        return Page();
    }

    public static string Count(int count) => count >= CountLimit ? $"{CountLimit}+" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
