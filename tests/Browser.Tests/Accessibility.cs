using System.Text.Json;
using DossierWorkflow.Testing;
using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

/// <summary>
/// Checks a page with axe-core as it is shown (WCAG 2.1 A and AA rules: labels, contrast, landmarks, names of controls,
/// keyboard access): no serious or critical violation. The script is evaluated through the browser's debugging
/// protocol, which the pages' content-security policy does not govern, so the page is checked as served.
/// </summary>
internal static class Accessibility
{
    private static readonly Lazy<string> Script = new(() => File.ReadAllText(AxeCore.ScriptPath));

    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.EvaluateAsync(Script.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] }))
                .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')}`)
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"{page.Url}:\n{string.Join("\n", found)}");
    }
}
