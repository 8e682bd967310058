namespace DossierWorkflow.Dossiers.DataProtection;

/// <summary>
/// An ASP.NET Core data-protection key (antiforgery tokens, authentication cookies). Kept in the database so keys
/// survive restarts and are shared by every instance of the app.
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public required string FriendlyName { get; set; }

    public required string Xml { get; set; }
}
