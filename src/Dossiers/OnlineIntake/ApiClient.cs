using System.Security.Cryptography;
using System.Text;
using DossierWorkflow.Dossiers.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DossierWorkflow.Dossiers.OnlineIntake;

/// <summary>
/// A system allowed to submit dossiers online (the citizen portal, the national public-service portal), known by the hash
/// of its API key: the key itself is shown once, when the client is added, and never stored.
/// </summary>
public sealed class ApiClient
{
    /// <summary>Keys start with this, so that a leaked one is recognisable.</summary>
    public const string KeyPrefix = "dwk_";

    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The lower-case hex SHA-256 of the key (a key is 256 random bits, so a fast hash is enough).</summary>
    public required string KeyHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>When the client last authenticated (to the minute: <see cref="LastUseResolution"/>); null before its first use.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>The last use is written at most this often per client, not on every request.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>A new random key and the client that holds it.</summary>
    public static (ApiClient Client, string Key) Create(string name, DateTimeOffset now)
    {
        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new ApiClient { Name = name, KeyHash = Hash(key), CreatedAt = now }, key);
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A client name: letters, digits, dots, dashes and underscores, 2–60 characters.</summary>
    public static bool IsValidName(string name) =>
        name.Length is >= 2 and <= 60 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("ApiClients");
        builder.Property(c => c.Name).HasMaxLength(60);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.KeyHash).HasMaxLength(64);
        builder.HasIndex(c => c.KeyHash).IsUnique();
        builder.Property(c => c.CreatedAt).HasUtcConversion();
        builder.Property(c => c.RevokedAt).HasUtcConversion();
        builder.Property(c => c.LastUsedAt).HasUtcConversion();
    }
}
