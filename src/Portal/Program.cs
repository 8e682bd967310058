using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Portal.Hosting;

namespace DossierWorkflow.Portal;

/// <summary>
/// The citizens' portal. A class of its own (not top-level statements) so that the tests can name it beside the
/// officers' host's <c>Program</c>.
/// </summary>
public sealed class PortalProgram
{
    private PortalProgram()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPortal();

        var app = builder.Build();
        app.UsePortal();

        await app.Services.InitialiseDatabaseAsync();
        await app.RunAsync();
    }
}
