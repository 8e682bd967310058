using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Testing;

namespace DossierWorkflow.Dossiers.Tests.Attachments;

/// <summary>What every attachment store promises, written once and run on the file system and on a real S3-compatible server.</summary>
public abstract class AttachmentStoreTests
{
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected abstract Task<IAttachmentStore> StoreAsync();

    [Fact]
    public async Task A_stored_file_reads_back_byte_for_byte()
    {
        var store = await StoreAsync();
        var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var sha256 = Sha256Of(bytes);

        await store.PutAsync(sha256, new MemoryStream(bytes), bytes.Length, Cancel);

        Assert.Equal(bytes, await ReadAsync(store, sha256));
    }

    [Fact]
    public async Task Storing_the_same_file_twice_keeps_it_and_reads_it_back()
    {
        var store = await StoreAsync();
        var bytes = Encoding.ASCII.GetBytes($"%PDF-1.4 {Guid.NewGuid()}");
        var sha256 = Sha256Of(bytes);

        await store.PutAsync(sha256, new MemoryStream(bytes), bytes.Length, Cancel);
        await store.PutAsync(sha256, new MemoryStream(bytes), bytes.Length, Cancel);

        Assert.Equal(bytes, await ReadAsync(store, sha256));
    }

    [Fact]
    public async Task A_file_that_was_never_stored_is_not_found()
    {
        var store = await StoreAsync();

        Assert.Null(await store.OpenAsync(Sha256Of(Guid.NewGuid().ToByteArray()), Cancel));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abc")]
    public async Task A_name_that_is_not_a_sha256_is_refused(string name)
    {
        var store = await StoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(name, new MemoryStream([1]), 1, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenAsync(name, Cancel));
    }

    protected static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<byte[]> ReadAsync(IAttachmentStore store, string sha256)
    {
        await using var stream = await store.OpenAsync(sha256, Cancel);
        Assert.NotNull(stream);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Cancel);
        return copy.ToArray();
    }
}

public sealed class FileSystemAttachmentStoreTests : AttachmentStoreTests, IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("dw-attachments-");

    protected override Task<IAttachmentStore> StoreAsync() => Task.FromResult<IAttachmentStore>(new FileSystemAttachmentStore(_root.FullName));

    [Fact]
    public async Task Files_lie_under_their_hash_with_no_name_from_the_user()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.4 scan");
        var sha256 = Sha256Of(bytes);

        await (await StoreAsync()).PutAsync(sha256, new MemoryStream(bytes), bytes.Length, Cancel);

        Assert.Equal([Path.Combine(_root.FullName, sha256[..2], sha256[2..4], sha256)], Directory.GetFiles(_root.FullName, "*", SearchOption.AllDirectories));
    }

    public void Dispose() => _root.Delete(recursive: true);
}

public sealed class S3AttachmentStoreTests(S3Server server) : AttachmentStoreTests, IDisposable
{
    private readonly string _keyPrefix = $"{Guid.NewGuid():N}/";
    private S3AttachmentStore? _store;

    protected override async Task<IAttachmentStore> StoreAsync() => _store ??= new S3AttachmentStore(await OptionsAsync());

    [Fact]
    public async Task Objects_lie_in_the_bucket_under_the_prefix_and_their_hash()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.4 scan");
        var sha256 = Sha256Of(bytes);

        await (await StoreAsync()).PutAsync(sha256, new MemoryStream(bytes), bytes.Length, Cancel);

        using var client = await ClientAsync();
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3Server.Bucket, Prefix = _keyPrefix }, Cancel);
        Assert.Equal([(_keyPrefix + sha256, (long)bytes.Length)], listed.S3Objects.Select(o => (o.Key, o.Size ?? 0)));
    }

    [Fact]
    public async Task Intake_puts_an_accepted_scan_in_the_bucket_and_nothing_of_a_refused_one()
    {
        var intake = new AttachmentIntake(await StoreAsync(), new AttachmentOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger<AttachmentIntake>.Instance);
        var html = Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n");

        var refused = await intake.AcceptAsync(new MemoryStream(html), "don.pdf", long.MaxValue, Cancel);
        var accepted = await intake.AcceptAsync(new MemoryStream(pdf), "to-khai.pdf", long.MaxValue, Cancel);

        Assert.IsType<AttachmentResult.Refused>(refused);
        var file = Assert.IsType<AttachmentResult.Accepted>(accepted).File;
        using var client = await ClientAsync();
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3Server.Bucket, Prefix = _keyPrefix }, Cancel);
        Assert.Equal([_keyPrefix + file.Sha256], listed.S3Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task A_storage_that_cannot_be_reached_fails_the_put_instead_of_losing_the_file_silently()
    {
        var options = await OptionsAsync();
        options.ServiceUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        using var store = new S3AttachmentStore(options);

        await Assert.ThrowsAnyAsync<Exception>(() => store.PutAsync(Sha256Of([1]), new MemoryStream([1]), 1, Cancel));
    }

    [Fact]
    public async Task Intake_refuses_a_scan_the_store_cannot_keep_as_store_unavailable()
    {
        var options = await OptionsAsync();
        options.ServiceUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        using var store = new S3AttachmentStore(options);
        var intake = new AttachmentIntake(store, new AttachmentOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger<AttachmentIntake>.Instance);

        var result = await intake.AcceptAsync(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n")), "to-khai.pdf", long.MaxValue, Cancel);

        Assert.Equal(AttachmentProblem.StoreUnavailable, Assert.IsType<AttachmentResult.Refused>(result).Problem);
    }

    public void Dispose() => _store?.Dispose();

    private async Task<S3AttachmentOptions> OptionsAsync() => new()
    {
        ServiceUrl = await server.ServiceUrlAsync(),
        Bucket = S3Server.Bucket,
        KeyPrefix = _keyPrefix,
        AccessKey = S3Server.AccessKey,
        SecretKey = S3Server.SecretKey,
    };

    private async Task<AmazonS3Client> ClientAsync() => new(
        new BasicAWSCredentials(S3Server.AccessKey, S3Server.SecretKey),
        new AmazonS3Config { ServiceURL = await server.ServiceUrlAsync(), ForcePathStyle = true });
}
