using System.Text.Json.Nodes;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

public sealed class TasksPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_reception_officer_takes_a_task_from_the_queue_without_reloading_the_page()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context, "tiepnhan");
        var code = await StartAsync("marriage-registration", sequence: 1);
        await StartAsync("death-registration", sequence: 2);

        await page.GetByRole(AriaRole.Link, new() { Name = "Công việc", Exact = true }).ClickAsync();
        var queue = page.Locator("section.queue[data-role='reception'][data-unit='HN.HOANKIEM']");
        await queue.Locator("tr", new() { HasText = code }).WaitForAsync();
        await page.EvaluateAsync("() => window.loadedOnce = true");

        await queue.Locator("tr", new() { HasText = code }).GetByRole(AriaRole.Button, new() { Name = "Nhận xử lý" }).ClickAsync();

        await page.Locator("#my-tasks tr", new() { HasText = code }).WaitForAsync();
        Assert.Equal(0, await page.Locator("section.queue[data-role='reception'][data-unit='HN.HOANKIEM'] tr", new() { HasText = code }).CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The page reloaded instead of swapping the lists.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "tasks.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.Locator("#my-tasks-heading", new() { HasText = "Tasks I hold (1)" }).WaitForAsync();
        Assert.Contains("Reception officer", await page.Locator("section.queue").First.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "tasks-en.png"), FullPage = true });
    }

    /// <summary>Starts a dossier; distinct sequences give distinct codes, so a row is found by its code alone.</summary>
    private async Task<string> StartAsync(string procedureKey, int sequence)
    {
        var code = $"000.00.25.H26-261123-{sequence:0000}";
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().StartAsync(new StartInstance(procedureKey)
        {
            BusinessKey = code,
            Variables = new JsonObject { ["deliveryMethod"] = "counter", [WorkflowVariables.ReceivingUnit] = "HN.HOANKIEM" },
            Actor = "tiepnhan",
        }, TestContext.Current.CancellationToken);
        return code;
    }
}
