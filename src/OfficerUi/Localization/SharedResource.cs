namespace DossierWorkflow.OfficerUi.Localization;

/// <summary>Marker for the shared UI texts in <c>Resources/Localization.SharedResource*.resx</c>.</summary>
public sealed class SharedResource;
