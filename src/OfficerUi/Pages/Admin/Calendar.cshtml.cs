using System.ComponentModel.DataAnnotations;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Admin;

/// <summary>
/// The working calendar of one year: the default days off the rules give, and the administrator's decisions (swapped
/// days off, make-up working days, extra days off) which override them. Deadlines counted after a change use the new
/// calendar; appointments already given keep their dates.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class CalendarModel(
    DossiersDbContext db,
    CurrentWorkingCalendar calendar,
    OfficerAudit audit,
    TimeProvider time,
    IStringLocalizer<SharedResource> text,
    ILogger<CalendarModel> logger) : PageModel
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public DecisionInput Decision { get; set; } = new();

    public int ShownYear { get; private set; }

    /// <summary>Why the year asked for in the address is not shown (not a number, or outside the calendar's years).</summary>
    public string? YearProblem { get; private set; }

    /// <summary>Every day of the year that is not an ordinary working weekday or weekly rest day, in date order.</summary>
    public IReadOnlyList<CalendarDayStatus> SpecialDays { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        // A shipped decision for the date is replaced by the administrator's; an administrator's own must be removed first.
        var existing = Decision.Date is { } day ? await db.Set<CalendarDay>().FirstOrDefaultAsync(d => d.Date == day, cancellationToken) : null;
        if (Decision.Date is { } date)
        {
            if (date.Year is < FirstYear or > LastYear)
            {
                ModelState.AddModelError("Decision.Date", text["Calendar.Error.Year", FirstYear, LastYear]);
            }
            else if (existing is not null && !OfficialCalendarOverrides.IsShipped(existing))
            {
                ModelState.AddModelError("Decision.Date", text["Calendar.Error.AlreadyDecided", date.ToString("d")]);
            }
            else if (existing is null && DefaultIsWorkingDay(date) == Decision.IsWorkingDay)
            {
                ModelState.AddModelError("Decision.IsWorkingDay", text[Decision.IsWorkingDay ? "Calendar.Error.AlreadyWorking" : "Calendar.Error.AlreadyOff", date.ToString("d")]);
            }
        }

        if (!ModelState.IsValid)
        {
            Year ??= Decision.Date?.Year;
            Load();
            return Page();
        }

        var decided = new CalendarDay(Decision.Date!.Value, Decision.IsWorkingDay, Decision.Note!.Trim());
        if (existing is not null)
        {
            db.Remove(existing);
        }

        db.Add(decided);
        audit.Record(
            AuditActions.CalendarDecided,
            subject: decided.Date.ToString("yyyy-MM-dd"),
            before: existing is null ? null : new { existing.IsWorkingDay, existing.Note },
            after: new { decided.IsWorkingDay, decided.Note });
        await db.SaveChangesAsync(cancellationToken);
        await calendar.ReloadAsync(db, cancellationToken);
        logger.LogInformation("Calendar override {Date} working={IsWorkingDay} added by {Officer}: {Note}", decided.Date, decided.IsWorkingDay, User.Identity?.Name, decided.Note);
        Message = text["Calendar.Added", decided.Date.ToString("d")];
        return RedirectToPage(new { year = decided.Date.Year });
    }

    public async Task<IActionResult> OnPostDeleteAsync(DateOnly date, CancellationToken cancellationToken)
    {
        // The add form's fields are bound on every post and missing here: their errors are not this action's, and would
        // roll its unit of work back.
        ModelState.Clear();
        // A shipped decision is never removed; removing the administrator's decision that replaced one brings it back.
        if (await db.Set<CalendarDay>().FirstOrDefaultAsync(d => d.Date == date, cancellationToken) is { } decision && !OfficialCalendarOverrides.IsShipped(decision))
        {
            db.Remove(decision);
            var shipped = OfficialCalendarOverrides.On(date);
            if (shipped is not null)
            {
                db.Add(shipped);
            }

            audit.Record(
                AuditActions.CalendarDecisionRemoved,
                subject: date.ToString("yyyy-MM-dd"),
                before: new { decision.IsWorkingDay, decision.Note },
                after: shipped is null ? null : new { shipped.IsWorkingDay, shipped.Note });
            await db.SaveChangesAsync(cancellationToken);
            await calendar.ReloadAsync(db, cancellationToken);
            logger.LogInformation("Calendar override {Date} removed by {Officer}", date, User.Identity?.Name);
        }

        Year = date.Year;
        Load();
        return Partial("_CalendarDays", this);
    }

    /// <summary>Whether the day's decision is one shipped with the product (shown as such; replaced, never removed).</summary>
    public static bool IsShipped(CalendarDayStatus day) =>
        day.Note is { } note && OfficialCalendarOverrides.IsShipped(new CalendarDay(day.Date, day.IsWorkingDay, note));

    /// <summary>What the rules alone say about a date (the override being decided on is not yet stored).</summary>
    private bool DefaultIsWorkingDay(DateOnly date) =>
        new VietnameseWorkingCalendar([], calendar.Calendar.Rules, calendar.Calendar.OfficeHours).IsWorkingDay(date);

    private void Load()
    {
        var today = calendar.Calendar.LocalDate(time.GetUtcNow());
        ShownYear = Year is >= FirstYear and <= LastYear ? Year.Value : today.Year;
        var asked = Request.Query["year"].ToString();
        YearProblem = asked.Length > 0 && Year is not (>= FirstYear and <= LastYear) ? text["Calendar.Error.YearNotValid", asked, FirstYear, LastYear].Value : null;
        var current = calendar.Calendar;
        var dates = current.HolidaysIn(ShownYear).Select(h => h.Date)
            .Concat(current.Overrides.Where(o => o.Date.Year == ShownYear).Select(o => o.Date))
            .Distinct()
            .Order();
        SpecialDays = [.. dates.Select(current.Describe)];
    }

    public sealed class DecisionInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Calendar.Date")]
        public DateOnly? Date { get; set; }

        [Display(Name = "Calendar.Kind")]
        public bool IsWorkingDay { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(300, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Calendar.Note")]
        public string? Note { get; set; }
    }
}
