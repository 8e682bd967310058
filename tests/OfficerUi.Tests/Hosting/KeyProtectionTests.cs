using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Hosting;

/// <summary>With a certificate configured, the data-protection keys are stored encrypted, and sign-in works with them.</summary>
public sealed class KeyProtectionTests(KeyProtectionTests.CertificateApp app) : IClassFixture<KeyProtectionTests.CertificateApp>
{
    [Fact]
    public async Task The_keys_in_the_database_are_encrypted_with_the_certificate()
    {
        var client = await app.CreateSignedInClientAsync("tiepnhan");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/Tasks", TestContext.Current.CancellationToken)).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync(TestContext.Current.CancellationToken);

        var key = Assert.Single(keys);
        Assert.Contains("EncryptedData", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
    }

    /// <summary>The host as deployed (over HTTPS), its keys protected by a certificate made for the test.</summary>
    public sealed class CertificateApp : SqliteApp
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"dw-keys-{Guid.NewGuid():N}.pfx");

        public CertificateApp()
        {
            ClientOptions.BaseAddress = new Uri("https://localhost");
            using var rsa = RSA.Create(3072);
            var request = new CertificateRequest("CN=DossierWorkflow data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(_path, certificate.Export(X509ContentType.Pkcs12, "mat-khau-thu"));
        }

        protected override string EnvironmentName => "Production";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Seeding:DemoData", "true");
            builder.UseSetting("DataProtection:CertificatePath", _path);
            builder.UseSetting("DataProtection:CertificatePassword", "mat-khau-thu");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(_path);
        }
    }
}
