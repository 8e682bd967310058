using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DossierWorkflow.Web.Hosting;

/// <summary>
/// The data-protection keys (which protect sign-in cookies, antiforgery tokens and the officers' TOTP secrets) are kept in
/// the database; outside development they are encrypted with a certificate given by configuration
/// (<c>DataProtection:CertificatePath</c>, a PKCS#12 file, and <c>DataProtection:CertificatePassword</c>), so that a copy
/// of the database alone does not open them. Without one the app starts and warns.
/// </summary>
public static class KeyProtection
{
    public static void AddKeyProtection(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["DataProtection:CertificatePath"] is not { Length: > 0 } path)
        {
            return;
        }

        var certificate = File.Exists(path)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, builder.Configuration["DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet)
            : throw new InvalidOperationException($"DataProtection:CertificatePath names a file that does not exist: {path}");
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The data-protection certificate {path} has no private key: the keys could not be read back.");
        }

        builder.Services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    /// <summary>Warns at start-up when the keys are stored unencrypted outside development.</summary>
    public static void WarnWhenUnprotected(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && string.IsNullOrEmpty(app.Configuration["DataProtection:CertificatePath"]))
        {
            app.Logger.LogWarning(
                "The data-protection keys are stored unencrypted in the database: set DataProtection:CertificatePath (and "
                + "DataProtection:CertificatePassword) to a PKCS#12 certificate to encrypt them (see the README).");
        }
    }
}
