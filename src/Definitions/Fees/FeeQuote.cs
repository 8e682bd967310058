namespace DossierWorkflow.Definitions.Fees;

/// <summary>A computed fee in đồng with the reasoning, in English and Vietnamese, for the receipt and the officer.</summary>
public sealed record FeeQuote(long Amount, string Explanation, string ExplanationVi)
{
    public override string ToString() => $"{Amount:N0} đ — {Explanation}";
}
