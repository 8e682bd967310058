using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.CommandLine;
using DossierWorkflow.OfficerUi.Hosting;

if (CommandLineApp.IsCommand(args))
{
    return await CommandLineApp.RunAsync(args, Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddOfficerUi();

var app = builder.Build();
app.UseOfficerUi();

await app.Services.InitialiseDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
