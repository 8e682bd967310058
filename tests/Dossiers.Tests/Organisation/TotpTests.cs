using System.Text;
using DossierWorkflow.Dossiers.Organisation;

namespace DossierWorkflow.Dossiers.Tests.Organisation;

/// <summary>The codes authenticator apps make: RFC 6238's test vectors (SHA-1), cut to six digits as the apps show them.</summary>
public sealed class TotpTests
{
    private static readonly byte[] Rfc6238Secret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void The_code_of_a_moment_is_the_rfc_6238_one(long unixSeconds, string code) =>
        Assert.Equal(code, Totp.Code(Rfc6238Secret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));

    [Fact]
    public void The_secret_travels_in_base32_in_the_otpauth_uri()
    {
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.ToBase32(Rfc6238Secret));
        Assert.Equal(
            "otpauth://totp/DossierWorkflow:quantri?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=DossierWorkflow&digits=6&period=30",
            Totp.Uri("DossierWorkflow", "quantri", Rfc6238Secret));
    }

    [Fact]
    public void A_code_matches_within_one_step_either_side_and_only_after_the_last_one_used()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111109);
        var step = Totp.StepAt(now);

        Assert.Equal(step, Totp.Match(Rfc6238Secret, Totp.Code(Rfc6238Secret, step), now, lastUsedStep: 0));
        Assert.Equal(step + 1, Totp.Match(Rfc6238Secret, Totp.Code(Rfc6238Secret, step + 1), now, lastUsedStep: 0));
        Assert.Null(Totp.Match(Rfc6238Secret, Totp.Code(Rfc6238Secret, step + 2), now, lastUsedStep: 0));
        Assert.Null(Totp.Match(Rfc6238Secret, Totp.Code(Rfc6238Secret, step), now, lastUsedStep: step));
    }
}
