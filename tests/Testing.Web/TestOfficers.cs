using DossierWorkflow.Dossiers.Organisation;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Testing.Web;

/// <summary>Officers a test needs beyond the demo ones, added through the domain as an administrator adds them.</summary>
public static class TestOfficers
{
    /// <summary>
    /// Adds an officer with one role in one unit and the demo password (nothing when the user name exists already, so
    /// that tests sharing a host may each ask for the same officer).
    /// </summary>
    public static async Task AddOfficerAsync(this OfficerUiApp app, string userName, string role, string unitCode)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (officer, problems) = await scope.ServiceProvider.GetRequiredService<OfficerChanges>()
            .AddAsync(new OfficerDraft(userName, userName, null, null, null, [(role, unitCode)]), TestContext.Current.CancellationToken);
        if (officer is not null)
        {
            await scope.ServiceProvider.GetRequiredService<OfficerPasswords>().SetAsync(officer, DemoOrganisation.DemoPassword, TestContext.Current.CancellationToken);
        }
        else if (problems.Any(p => p.Code != "UserNameTaken"))
        {
            throw new InvalidOperationException($"Officer {userName} could not be added: {string.Join(", ", problems.Select(p => p.Code))}");
        }
    }
}
