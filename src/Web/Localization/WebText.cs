namespace DossierWorkflow.Web.Localization;

/// <summary>Marker for the texts both hosts share (model binding's messages) in <c>Resources/Localization.WebText*.resx</c>.</summary>
public sealed class WebText;
