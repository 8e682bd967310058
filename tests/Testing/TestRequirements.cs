namespace DossierWorkflow.Testing;

/// <summary>
/// What a test needs from the machine (PostgreSQL binaries, Chromium, poppler). When it is missing the test is
/// skipped with the reason — unless the matching variable (e.g. <c>REQUIRE_POSTGRES=1</c>, set by CI) demands it,
/// in which case the test fails: CI must never pass by skipping.
/// </summary>
public static class TestRequirements
{
    /// <summary>Skips (or, when <paramref name="requireVariable"/> is set to 1, fails) the current test if <paramref name="missingReason"/> is not null.</summary>
    public static void Require(string requireVariable, string? missingReason)
    {
        if (missingReason is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(requireVariable) == "1")
        {
            Assert.Fail($"{missingReason} ({requireVariable}=1, so this test may not be skipped.)");
        }

        Assert.Skip($"{missingReason} Set {requireVariable}=1 to make this a failure.");
    }
}
