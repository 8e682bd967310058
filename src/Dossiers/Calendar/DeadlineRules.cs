namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>Settings of the deadline rules (bound from configuration).</summary>
public sealed record DeadlineRules
{
    public static DeadlineRules Default { get; } = new();

    /// <summary>A same-day procedure received after this local time is due the next working day (15:00).</summary>
    public TimeOnly SameDayCutOff { get; init; } = new(15, 0);
}
