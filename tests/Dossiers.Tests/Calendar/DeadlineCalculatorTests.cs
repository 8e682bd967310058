using DossierWorkflow.Dossiers.Calendar;

namespace DossierWorkflow.Dossiers.Tests.Calendar;

public sealed class DeadlineCalculatorTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private readonly DeadlineCalculator _calculator = new(new VietnameseWorkingCalendar(OfficialCalendarOverrides.All));

    [Fact]
    public void A_dossier_received_on_friday_afternoon_with_three_working_days_is_due_wednesday()
    {
        // given
        var friday = At(2026, 11, 20, 14, 0);

        // when
        var deadline = _calculator.Compute(friday, ProcessingTime.WorkingDays(3), ReceptionChannel.Counter);

        // then
        Assert.Equal(new DateOnly(2026, 11, 20), deadline.ReceivedAsDate);
        Assert.Equal(new DateOnly(2026, 11, 23), deadline.CountingStartsOn);
        Assert.Equal(At(2026, 11, 25, 17, 0), deadline.AppointmentDate);
        Assert.Equal([DeadlineRule.ReceiptDayNotCounted, DeadlineRule.WorkingDaysCounted, DeadlineRule.DueAtEndOfWorkingDay], Rules(deadline));
    }

    [Fact]
    public void A_dossier_received_on_the_friday_before_tet_2026_is_counted_from_monday_23_february()
    {
        // when
        var deadline = _calculator.Compute(At(2026, 2, 13, 9, 0), ProcessingTime.WorkingDays(3), ReceptionChannel.Counter);

        // then
        Assert.Equal(new DateOnly(2026, 2, 23), deadline.CountingStartsOn);
        Assert.Equal(At(2026, 2, 25, 17, 0), deadline.AppointmentDate);
    }

    [Fact]
    public void A_dossier_received_before_tet_2027_skips_the_holiday_and_both_compensatory_days()
    {
        // given Thursday 4/2/2027; Friday 5 to Thursday 11 are off

        // when
        var deadline = _calculator.Compute(At(2027, 2, 4, 10, 0), ProcessingTime.WorkingDays(2), ReceptionChannel.Counter);

        // then
        Assert.Equal(new DateOnly(2027, 2, 12), deadline.CountingStartsOn);
        Assert.Equal(At(2027, 2, 15, 17, 0), deadline.AppointmentDate);
    }

    [Fact]
    public void A_dossier_received_before_hung_kings_day_2026_counts_only_the_two_working_days_before_30_april()
    {
        // given Friday 24/4/2026; Monday 27/4 compensates Hùng Kings' day, 30/4 and 1/5 are holidays

        // when
        var deadline = _calculator.Compute(At(2026, 4, 24, 8, 0), ProcessingTime.WorkingDays(3), ReceptionChannel.Counter);

        // then: Tuesday 28, Wednesday 29, Monday 4 May
        Assert.Equal(new DateOnly(2026, 4, 28), deadline.CountingStartsOn);
        Assert.Equal(At(2026, 5, 4, 17, 0), deadline.AppointmentDate);
    }

    [Fact]
    public void A_dossier_received_before_national_day_2026_skips_1_and_2_september()
    {
        // when
        var deadline = _calculator.Compute(At(2026, 8, 31, 10, 0), ProcessingTime.WorkingDays(2), ReceptionChannel.Counter);

        // then
        Assert.Equal(new DateOnly(2026, 9, 3), deadline.CountingStartsOn);
        Assert.Equal(At(2026, 9, 4, 17, 0), deadline.AppointmentDate);
    }

    [Fact]
    public void A_make_up_working_saturday_is_counted()
    {
        // given Saturday 26/4/2025 was worked in exchange for Friday 2/5/2025

        // when
        var deadline = _calculator.Compute(At(2025, 4, 25, 10, 0), ProcessingTime.WorkingDays(1), ReceptionChannel.Counter);

        // then
        Assert.Equal(At(2025, 4, 26, 17, 0), deadline.AppointmentDate);
    }

    [Fact]
    public void A_weekday_made_a_day_off_by_the_administrator_is_skipped()
    {
        // given
        var calendar = new VietnameseWorkingCalendar([new CalendarDay(new(2026, 1, 2), false, "Nghỉ hoán đổi, làm bù thứ Bảy 10/01/2026")]);
        var calculator = new DeadlineCalculator(calendar);

        // when
        var deadline = calculator.Compute(At(2025, 12, 31, 10, 0), ProcessingTime.WorkingDays(1), ReceptionChannel.Counter);

        // then: 1/1 is New Year's Day, 2/1 the administrator's day off
        Assert.Equal(At(2026, 1, 5, 17, 0), deadline.AppointmentDate);
    }

    [Fact]
    public void A_same_day_procedure_received_before_15_00_is_due_at_the_end_of_that_day()
    {
        // when
        var deadline = _calculator.Compute(At(2026, 3, 3, 14, 59), ProcessingTime.SameDay, ReceptionChannel.Counter);

        // then
        Assert.Equal(At(2026, 3, 3, 17, 0), deadline.AppointmentDate);
        Assert.Null(deadline.CountingStartsOn);
        Assert.Contains(DeadlineRule.SameDayBeforeCutOff, Rules(deadline));
    }

    [Fact]
    public void A_same_day_procedure_received_at_exactly_15_00_is_still_due_that_day()
    {
        // when
        var deadline = _calculator.Compute(At(2026, 3, 3, 15, 0), ProcessingTime.SameDay, ReceptionChannel.Counter);

        // then
        Assert.Equal(At(2026, 3, 3, 17, 0), deadline.AppointmentDate);
    }

    [Fact]
    public void A_same_day_procedure_received_after_15_00_on_friday_is_due_at_the_end_of_monday()
    {
        // when
        var deadline = _calculator.Compute(At(2026, 3, 6, 15, 1), ProcessingTime.SameDay, ReceptionChannel.Counter);

        // then
        Assert.Equal(At(2026, 3, 9, 17, 0), deadline.AppointmentDate);
        Assert.Contains(DeadlineRule.SameDayAfterCutOff, Rules(deadline));
    }

    [Fact]
    public void The_same_day_cut_off_is_configurable()
    {
        // given
        var calculator = new DeadlineCalculator(new VietnameseWorkingCalendar([]), new DeadlineRules { SameDayCutOff = new(16, 0) });

        // when
        var deadline = calculator.Compute(At(2026, 3, 3, 15, 30), ProcessingTime.SameDay, ReceptionChannel.Counter);

        // then
        Assert.Equal(At(2026, 3, 3, 17, 0), deadline.AppointmentDate);
    }

    [Fact]
    public void A_dossier_submitted_online_on_sunday_counts_as_received_on_monday()
    {
        // when
        var deadline = _calculator.Compute(At(2026, 3, 8, 10, 0), ProcessingTime.WorkingDays(2), ReceptionChannel.Online);

        // then
        Assert.Equal(new DateOnly(2026, 3, 9), deadline.ReceivedAsDate);
        Assert.Equal(new DateOnly(2026, 3, 10), deadline.CountingStartsOn);
        Assert.Equal(At(2026, 3, 11, 17, 0), deadline.AppointmentDate);
        Assert.Equal(DeadlineRule.ReceivedOnNonWorkingDay, Rules(deadline)[0]);
    }

    [Fact]
    public void A_same_day_procedure_submitted_online_on_saturday_evening_is_due_monday()
    {
        // given arrival after 15:00 on a day off counts as the start of Monday, before the cut-off

        // when
        var deadline = _calculator.Compute(At(2026, 3, 7, 20, 0), ProcessingTime.SameDay, ReceptionChannel.Online);

        // then
        Assert.Equal(At(2026, 3, 9, 17, 0), deadline.AppointmentDate);
        Assert.Equal([DeadlineRule.ReceivedOnNonWorkingDay, DeadlineRule.SameDayBeforeCutOff, DeadlineRule.DueAtEndOfWorkingDay], Rules(deadline));
    }

    [Fact]
    public void A_dossier_posted_during_tet_counts_as_received_on_the_first_working_day_after_it()
    {
        // when
        var deadline = _calculator.Compute(At(2026, 2, 18, 9, 0), ProcessingTime.WorkingDays(1), ReceptionChannel.Postal);

        // then
        Assert.Equal(new DateOnly(2026, 2, 23), deadline.ReceivedAsDate);
        Assert.Equal(At(2026, 2, 24, 17, 0), deadline.AppointmentDate);
        Assert.Contains("Lunar New Year", deadline.AppliedRules[0].Explanation);
    }

    [Fact]
    public void A_dossier_received_at_night_utc_is_dated_by_the_vietnamese_clock()
    {
        // given 23:30 UTC on Monday 2/3/2026 is 06:30 on Tuesday 3/3 in Vietnam
        var receivedAt = new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.Zero);

        // when
        var deadline = _calculator.Compute(receivedAt, ProcessingTime.SameDay, ReceptionChannel.Online);

        // then
        Assert.Equal(new DateOnly(2026, 3, 3), deadline.ReceivedAsDate);
        Assert.Equal(At(2026, 3, 3, 17, 0), deadline.AppointmentDate);
    }

    [Fact]
    public void A_due_date_in_calendar_days_landing_on_saturday_moves_to_the_end_of_monday()
    {
        // when
        var deadline = _calculator.Compute(At(2026, 3, 4, 10, 0), ProcessingTime.CalendarDays(10), ReceptionChannel.Counter);

        // then
        Assert.Equal(At(2026, 3, 16, 17, 0), deadline.AppointmentDate);
        Assert.Contains(DeadlineRule.DueDateMovedOffNonWorkingDay, Rules(deadline));
    }

    [Fact]
    public void A_due_date_in_calendar_days_landing_in_tet_moves_to_the_first_working_day_after_it()
    {
        // when
        var deadline = _calculator.Compute(At(2026, 2, 6, 10, 0), ProcessingTime.CalendarDays(10), ReceptionChannel.Counter);

        // then: 16/2 is the last day of the lunar year
        Assert.Equal(At(2026, 2, 23, 17, 0), deadline.AppointmentDate);
    }

    [Fact]
    public void A_complete_supplement_restarts_the_clock_and_keeps_both_appointment_dates()
    {
        // given a five-day dossier received on Monday 2/3/2026, due Monday 9/3
        var original = _calculator.Compute(At(2026, 3, 2, 10, 0), ProcessingTime.WorkingDays(5), ReceptionChannel.Counter);

        // when the complete supplement arrives online on Thursday 12/3 at 20:00
        var restart = _calculator.RestartAfterSupplement(original, At(2026, 3, 12, 20, 0), ReceptionChannel.Online);

        // then
        Assert.Equal(At(2026, 3, 9, 17, 0), restart.PreviousAppointmentDate);
        Assert.Equal(At(2026, 3, 19, 17, 0), restart.NewAppointmentDate);
        Assert.Equal(new DateOnly(2026, 3, 13), restart.Restarted.CountingStartsOn);
        Assert.Equal(DeadlineRule.SupplementRestartedClock, Rules(restart.Restarted)[0]);
        Assert.Same(original, restart.Previous);
    }

    [Fact]
    public void A_dossier_can_be_extended_once_after_an_apology()
    {
        // given a dossier due Monday 9/3/2026
        var deadline = _calculator.Compute(At(2026, 3, 2, 10, 0), ProcessingTime.WorkingDays(5), ReceptionChannel.Counter);

        // when the leader apologises on Thursday 5/3 and extends by three working days
        var result = _calculator.Extend(deadline, 3, At(2026, 3, 5, 16, 0), "Chờ ý kiến cơ quan phối hợp");

        // then
        var extended = Assert.IsType<ExtensionResult.Extended>(result).Deadline;
        Assert.Equal(At(2026, 3, 12, 17, 0), extended.AppointmentDate);
        Assert.Equal(At(2026, 3, 9, 17, 0), extended.Extension?.PreviousAppointmentDate);
        Assert.True(extended.ExtensionUsed);
        Assert.Contains(DeadlineRule.ExtendedAfterApology, Rules(extended));
        Assert.DoesNotContain(DeadlineRule.ApologyIssuedLate, Rules(extended));
    }

    [Fact]
    public void A_second_extension_is_rejected()
    {
        // given
        var deadline = _calculator.Compute(At(2026, 3, 2, 10, 0), ProcessingTime.WorkingDays(5), ReceptionChannel.Counter);
        var once = Assert.IsType<ExtensionResult.Extended>(_calculator.Extend(deadline, 3, At(2026, 3, 5, 16, 0), "first")).Deadline;

        // when
        var result = _calculator.Extend(once, 2, At(2026, 3, 11, 9, 0), "second");

        // then
        var rejected = Assert.IsType<ExtensionResult.Rejected>(result);
        Assert.Equal(DeadlineExtensionError.AlreadyExtended, rejected.Error);
        Assert.Contains("only once", rejected.Message);
    }

    [Fact]
    public void An_extension_used_before_a_supplement_stays_used_after_the_restart()
    {
        // given
        var deadline = _calculator.Compute(At(2026, 3, 2, 10, 0), ProcessingTime.WorkingDays(5), ReceptionChannel.Counter);
        var extended = Assert.IsType<ExtensionResult.Extended>(_calculator.Extend(deadline, 3, At(2026, 3, 5, 16, 0), "first")).Deadline;
        var restarted = _calculator.RestartAfterSupplement(extended, At(2026, 3, 10, 9, 0), ReceptionChannel.Counter).Restarted;

        // when
        var result = _calculator.Extend(restarted, 2, At(2026, 3, 13, 9, 0), "second");

        // then
        Assert.IsType<ExtensionResult.Rejected>(result);
    }

    [Fact]
    public void An_apology_issued_on_the_due_date_extends_but_is_recorded_as_late()
    {
        // given a dossier due Monday 9/3/2026
        var deadline = _calculator.Compute(At(2026, 3, 2, 10, 0), ProcessingTime.WorkingDays(5), ReceptionChannel.Counter);

        // when
        var result = _calculator.Extend(deadline, 2, At(2026, 3, 9, 10, 0), "late");

        // then
        var extended = Assert.IsType<ExtensionResult.Extended>(result).Deadline;
        Assert.Equal(At(2026, 3, 11, 17, 0), extended.AppointmentDate);
        Assert.Contains(DeadlineRule.ApologyIssuedLate, Rules(extended));
    }

    [Fact]
    public void A_processing_time_of_zero_working_days_is_refused()
    {
        // when / then: a procedure due on the day of receipt is ProcessingTime.SameDay
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcessingTime.WorkingDays(0));
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, Vietnam);

    private static List<DeadlineRule> Rules(Deadline deadline) => deadline.AppliedRules.Select(r => r.Rule).ToList();
}
