namespace DossierWorkflow.Portal.Localization;

/// <summary>Marker for the portal's texts in <c>Resources/Localization.PortalText*.resx</c>.</summary>
public sealed class PortalText;
