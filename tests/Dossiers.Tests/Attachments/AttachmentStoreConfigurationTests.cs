using DossierWorkflow.Dossiers.Attachments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Dossiers.Tests.Attachments;

/// <summary>The store is chosen by <c>Attachments:Store</c>, and an S3 store without its bucket stops the start with the setting named.</summary>
public sealed class AttachmentStoreConfigurationTests
{
    [Fact]
    public void The_file_system_is_the_default()
    {
        using var services = Services([]);

        Assert.IsType<FileSystemAttachmentStore>(services.GetRequiredService<IAttachmentStore>());
    }

    [Fact]
    public void S3_is_chosen_by_configuration()
    {
        using var services = Services(new()
        {
            ["Attachments:Store"] = "S3",
            ["Attachments:S3:ServiceUrl"] = "http://127.0.0.1:9",
            ["Attachments:S3:Bucket"] = "dossiers",
        });

        Assert.IsType<S3AttachmentStore>(services.GetRequiredService<IAttachmentStore>());
    }

    [Theory]
    [InlineData(null, null, "Attachments:S3:Bucket is required")]
    [InlineData("dossiers", null, "Attachments:S3:AccessKey and Attachments:S3:SecretKey are given together")]
    public void An_incomplete_S3_setting_is_refused_with_its_name(string? bucket, string? secretKey, string message)
    {
        using var services = Services(new()
        {
            ["Attachments:Store"] = "S3",
            ["Attachments:S3:Bucket"] = bucket,
            ["Attachments:S3:AccessKey"] = "key",
            ["Attachments:S3:SecretKey"] = secretKey,
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AttachmentOptions>>().Value);
        Assert.Contains(message, refused.Message);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["Database:DataDirectory"] = Path.GetTempPath();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        services.AddLogging();
        services.AddDossiers();
        return services.BuildServiceProvider();
    }
}
