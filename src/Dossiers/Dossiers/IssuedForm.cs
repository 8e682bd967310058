namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// A legal form issued for the dossier (01 receipt, 02 supplement request, 03 refusal, …) with what only the decision
/// knows: its number and the items or reasons given. The PDF is rendered from it and the dossier whenever it is printed;
/// printing changes nothing.
/// </summary>
public sealed class IssuedForm
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    /// <summary>The form's number in Circular 03/2025: "01" … "07".</summary>
    public required string Form { get; set; }

    /// <summary>The number printed after "Số:".</summary>
    public required string Number { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public required string IssuedBy { get; set; }

    /// <summary>The officer's full name, as signed on the form.</summary>
    public required string IssuedByName { get; set; }

    /// <summary>The signatory's title when the form was issued (forms 04 and 05, signed by the agency's leader).</summary>
    public string? SignatoryTitle { get; set; }

    /// <summary>
    /// Form 02: what to supplement and why; form 03: the reasons; form 04: the delay's reason; form 05: what was asked
    /// (withdrawal, or the agency's stop) and why. Empty for the others.
    /// </summary>
    public List<FormItem> Items { get; set; } = [];
}

/// <summary>An item of a supplement request (what, and why) or a reason of a refusal (<see cref="Reason"/> only).</summary>
public sealed record FormItem(string Content, string Reason);
