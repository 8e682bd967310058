using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddOfficerUi();

var app = builder.Build();
app.UseOfficerUi();

await app.Services.MigrateDatabaseAsync();
await app.RunAsync();

/// <summary>The entry point, visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
