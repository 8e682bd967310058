using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

/// <summary>
/// An administrator changes how birth registrations run, in the browser: a verification step added from the palette,
/// its role, budget and outcomes set in the panel, connected after the receipt — the step nothing leads on from
/// highlighted as a problem, then connected onwards — test-run with its predicted dates, published; a dossier received
/// afterwards follows the new version while one received before stays on the old, until it is migrated.
/// </summary>
public sealed class WorkflowDesignerWalkTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_administrator_adds_a_step_test_runs_publishes_and_migrates_a_running_dossier()
    {
        await using var receptionContext = await app.NewContextAsync();
        var reception = await app.SignedInPageAsync(receptionContext);
        var older = await Counter.AcceptBirthRegistrationAsync(reception, Counter.HoaCard, "0987654321");

        await using var adminContext = await app.NewContextAsync();
        var admin = await app.SignedInPageAsync(adminContext, "quantri");
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await admin.Locator("#nav-admin .dropdown-toggle").ClickAsync();
        await admin.Locator("#nav-workflows").ClickAsync();
        await admin.Locator("#workflows tr[data-key='birth-registration'] a").ClickAsync();
        await admin.Locator("#open-designer").ClickAsync();
        await admin.Locator("#designer[data-ready='true']").WaitForAsync();

        // A user task from the palette, placed below the diagram, described in the properties panel.
        await admin.Locator(".djs-palette [data-action='create.user-task']").ClickAsync();
        var canvas = (await admin.Locator("#canvas").BoundingBoxAsync())!;
        await admin.Mouse.ClickAsync(canvas.X + canvas.Width / 2, canvas.Y + canvas.Height - 90);
        var task = await SelectedElementIdAsync(admin);
        await OpenGroupAsync(admin, "general");
        await admin.Locator("#bio-properties-panel-name").FillAsync("Xác minh thông tin khai sinh");
        await OpenGroupAsync(admin, "dw-step");
        await admin.Locator("#bio-properties-panel-dw-role").SelectOptionAsync("specialist");
        await admin.Locator("#bio-properties-panel-dw-durationDays").FillAsync("1");
        await admin.Locator("#bio-properties-panel-dw-outcomes").FillAsync("verified");

        // The panel writes a field after a short pause: wait until the diagram has the last one.
        await admin.WaitForFunctionAsync($"() => window.dwDesigner.get('elementRegistry').get('{task}').businessObject.get('dw:outcomes') === 'verified'");

        // Wired in after the receipt is issued: the flow from the receipt to the processing deleted, the receipt connected
        // to the new step.
        await admin.Locator("#canvas .djs-element[data-element-id='Flow_IssueReceipt_Processing']").ClickAsync(new() { Force = true });
        await admin.Locator(".djs-context-pad [data-action='delete']").ClickAsync();
        await ConnectAsync(admin, "Task_IssueReceipt", task);

        // Saved: nothing leads on from the new step (so nothing after it is reached), and it is marked on the diagram.
        await admin.Locator("#save").ClickAsync();
        await admin.Locator("#designer[data-saved='1']").WaitForAsync();
        var problems = await admin.Locator("#problems").InnerTextAsync();
        Assert.Contains($"{task}: Không có luồng tuần tự nào đi ra từ phần tử này", problems);
        Assert.Contains("Task_Processing: Không có đường nào từ sự kiện bắt đầu tới phần tử này", problems);
        Assert.Contains("dw-problem", await admin.Locator($"#canvas .djs-element[data-element-id='{task}']").GetAttributeAsync("class"));
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "designer-problem.png") });
        await admin.Locator($"#problems button[data-element='{task}']").ClickAsync();
        Assert.Equal(task, await SelectedElementIdAsync(admin));

        // Fixed: the new step leads on to the processing.
        await ConnectAsync(admin, task, "Task_Processing");
        await admin.Locator("#save").ClickAsync();
        await admin.Locator("#designer[data-saved='2']").WaitForAsync();
        Assert.True("0" == await admin.Locator("#designer").GetAttributeAsync("data-problems"), await admin.Locator("#problems").InnerTextAsync());
        Assert.Contains("Thêm bước «Xác minh thông tin khai sinh»", await admin.Locator("#changes").InnerTextAsync());

        // The test run goes through the new step and says when the dossier is due.
        await admin.Locator("#run-test").ClickAsync();
        await admin.Locator("#designer[data-test-run]").WaitForAsync();
        Assert.Contains("Xác minh thông tin khai sinh", await admin.Locator("#test-steps").InnerTextAsync());
        Assert.Contains("Ngày hẹn trả theo quy định", await admin.Locator("#test-summary").InnerTextAsync());
        Assert.Contains("dw-path", await admin.Locator($"#canvas .djs-element[data-element-id='{task}']").GetAttributeAsync("class"));
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "designer-test-run.png"), FullPage = true });

        // Published: version 2 is the one new dossiers get.
        await admin.Locator("#to-versions").ClickAsync();
        await admin.Locator("#publish").ClickAsync();
        await admin.Locator("#message").WaitForAsync();
        Assert.Contains("Đã xuất bản phiên bản 2", await admin.Locator("#message").InnerTextAsync());

        // A dossier received now goes through the new step; the one received before is still on version 1.
        var newer = await Counter.AcceptBirthRegistrationAsync(reception, Counter.HoaCard, "0987654321");
        await reception.GotoAsync($"/Dossiers/{newer}");
        Assert.Contains("Xác minh thông tin khai sinh", await reception.Locator("#open-steps").InnerTextAsync());
        await reception.GotoAsync($"/Dossiers/{older}");
        Assert.Contains("Kiểm tra hồ sơ, ghi Sổ hộ tịch", await reception.Locator("#open-steps").InnerTextAsync());

        // The older dossier migrated: it goes on at the same step, on version 2.
        await admin.Locator("[data-migrate='1']").ClickAsync();
        Assert.Equal("Task_Processing", await admin.Locator("#steps tr[data-element='Task_Processing'] select").InputValueAsync());
        await admin.Locator("#Reason").FillAsync("Áp dụng bước xác minh mới");
        await admin.Locator("#migrate button[type=submit]").ClickAsync();
        await admin.Locator("#moved").WaitForAsync();
        Assert.Equal("1", await admin.Locator("#moved").GetAttributeAsync("data-count"));
        await admin.GotoAsync($"/Dossiers/{older}");
        Assert.Contains("Áp dụng bước xác minh mới", await admin.Locator("#timeline tr[data-kind='TokenMoved']").InnerTextAsync());
        await admin.GotoAsync("/Admin/Workflows/birth-registration");
        Assert.Equal("0", (await admin.Locator("#versions tr[data-version='1'] td:nth-child(4)").InnerTextAsync()).Split('/')[0].Trim());
    }

    [Fact]
    public async Task An_administrator_asks_several_departments_at_once_and_hands_a_step_to_another_workflow()
    {
        await using var adminContext = await app.NewContextAsync();
        var admin = await app.SignedInPageAsync(adminContext, "quantri");
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await admin.GotoAsync("/Admin/Workflows/death-registration/Design");
        await admin.Locator("#designer[data-ready='true']").WaitForAsync();

        // The processing becomes one step per department of a list (a parallel multi-instance marker), each in its own queue.
        await ReplaceAsync(admin, "Task_Processing", "toggle-parallel-mi");
        await OpenGroupAsync(admin, "dw-loop");
        await admin.Locator("#bio-properties-panel-dw-collection").FillAsync("departments");
        await admin.Locator("#bio-properties-panel-dw-elementVariable").FillAsync("department");
        await admin.WaitForFunctionAsync("() => window.dwDesigner.get('elementRegistry').get('Task_Processing').businessObject.loopCharacteristics?.get('dw:elementVariable') === 'department'");
        await admin.Locator("#save").ClickAsync();
        await admin.Locator("#designer[data-saved='1']").WaitForAsync();
        Assert.True("0" == await admin.Locator("#designer").GetAttributeAsync("data-problems"), await admin.Locator("#problems").InnerTextAsync());

        // The approval becomes a call activity: without the workflow it calls it is a problem named on it, then it is not.
        await ReplaceAsync(admin, "Task_Approval", "replace-with-call-activity");
        await admin.Locator("#save").ClickAsync();
        await admin.Locator("#designer[data-saved='2']").WaitForAsync();
        Assert.Contains("Task_Approval: Hoạt động gọi này chưa cho biết khởi động quy trình nào", await admin.Locator("#problems").InnerTextAsync());
        await admin.Locator("[data-group-id='group-dw-call']").WaitForAsync();
        await OpenGroupAsync(admin, "dw-call");
        await admin.Locator("#bio-properties-panel-dw-calledElement").FillAsync("residence-registration");
        await admin.Locator("#bio-properties-panel-dw-inputs").FillAsync("child=newborn, receivingUnit");
        await admin.WaitForFunctionAsync("() => window.dwDesigner.get('elementRegistry').get('Task_Approval').businessObject.get('dw:inputs') === 'child=newborn, receivingUnit'");
        await admin.Locator("#save").ClickAsync();
        await admin.Locator("#designer[data-saved='3']").WaitForAsync();
        Assert.DoesNotContain("Task_Approval: Hoạt động gọi", await admin.Locator("#problems").InnerTextAsync());
        var xml = await admin.EvaluateAsync<string>("async () => (await window.dwDesigner.saveXML()).xml");
        Assert.Contains("<bpmn:multiInstanceLoopCharacteristics dw:collection=\"departments\" dw:elementVariable=\"department\" />", xml);
        Assert.Contains("calledElement=\"residence-registration\"", xml);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "designer-call-activity.png") });
    }

    /// <summary>Changes an element through its context pad's replace menu (a type, or a marker of the menu's header).</summary>
    private static async Task ReplaceAsync(IPage page, string elementId, string entry)
    {
        await page.Locator($"#canvas .djs-element[data-element-id='{elementId}']").ClickAsync();
        await page.Locator(".djs-context-pad [data-action='replace']").ClickAsync();
        await page.Locator($".djs-popup [data-id='{entry}']").ClickAsync();
    }

    private static Task<string> SelectedElementIdAsync(IPage page) =>
        page.EvaluateAsync<string>("() => window.dwDesigner.get('selection').get()[0].id");

    /// <summary>Opens a group of the properties panel (they start closed), unless it is open.</summary>
    private static async Task OpenGroupAsync(IPage page, string group)
    {
        var header = page.Locator($"[data-group-id='group-{group}'] .bio-properties-panel-group-header");
        if (!(await header.GetAttributeAsync("class"))!.Contains("open", StringComparison.Ordinal))
        {
            await header.ClickAsync();
        }
    }

    /// <summary>
    /// Draws a flow from one element to another with the context pad's connect handle, as an administrator drags it; a
    /// click or a drag the busy headless browser dropped (no context pad, or the flow not made) is done once more.
    /// </summary>
    private static async Task ConnectAsync(IPage page, string from, string to)
    {
        var connected = $"() => window.dwDesigner.get('elementRegistry').get('{to}').incoming.some(c => c.source.id === '{from}')";
        for (var attempt = 1; ; attempt++)
        {
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            var canvas = (await page.Locator("#canvas").BoundingBoxAsync())!;
            await page.Mouse.ClickAsync(canvas.X + canvas.Width - 20, canvas.Y + 20);
            await page.Locator($"#canvas .djs-element[data-element-id='{from}']").ClickAsync();
            var pad = page.Locator(".djs-context-pad [data-action='connect']");
            try
            {
                await pad.WaitForAsync(new() { Timeout = 5000 });
            }
            catch (TimeoutException) when (attempt < 3)
            {
                continue;
            }

            var handle = (await pad.BoundingBoxAsync())!;
            var target = (await page.Locator($"#canvas .djs-element[data-element-id='{to}']").BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(handle.X + handle.Width / 2, handle.Y + handle.Height / 2);
            await page.Mouse.DownAsync();
            // The upper part of the target: an event attached to a task's lower border is not the task.
            await page.Mouse.MoveAsync(target.X + target.Width / 2, target.Y + target.Height / 3, new() { Steps = 10 });
            await page.Mouse.UpAsync();
            try
            {
                await page.WaitForFunctionAsync(connected, null, new() { Timeout = 5000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }
}
