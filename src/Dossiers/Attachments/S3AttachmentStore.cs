using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace DossierWorkflow.Dossiers.Attachments;

/// <summary>
/// The store for deployments with several app instances: one bucket of an S3-compatible object storage (Amazon S3, MinIO,
/// Ceph, a cloud provider's S3 service), objects named <c>{KeyPrefix}{sha256}</c>. Every instance sees every file, and the
/// storage's own replication and backups protect them.
/// </summary>
public sealed class S3AttachmentStore : IAttachmentStore, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _keyPrefix;

    public S3AttachmentStore(S3AttachmentOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Checksums only where S3 requires them: many S3-compatible servers do not understand the trailing checksums
            // that the SDK otherwise adds to every upload. The payload is still signed with its SHA-256.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        // Without keys in the settings, the SDK's usual chain applies (environment variables, the instance's role).
        _client = string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
        _bucket = options.Bucket;
        _keyPrefix = options.KeyPrefix;
    }

    public async Task PutAsync(string sha256, Stream content, long length, CancellationToken cancellationToken)
    {
        var key = KeyOf(sha256);
        // Content-addressed: an object already under this key holds these very bytes, so the upload is skipped.
        if (await ExistsAsync(key, cancellationToken))
        {
            return;
        }

        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = "application/octet-stream",
            UseChunkEncoding = false,
        };
        request.Headers.ContentLength = length;
        await _client.PutObjectAsync(request, cancellationToken);
    }

    public async Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetObjectAsync(_bucket, KeyOf(sha256), cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(string sha256, CancellationToken cancellationToken) => _client.DeleteObjectAsync(_bucket, KeyOf(sha256), cancellationToken);

    public async IAsyncEnumerable<string> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _keyPrefix };
        ListObjectsV2Response response;
        do
        {
            response = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var stored in response.S3Objects ?? [])
            {
                if (stored.Key[_keyPrefix.Length..] is var name && AttachmentKeys.IsKey(name))
                {
                    yield return name;
                }
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
    }

    public void Dispose() => _client.Dispose();

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.GetObjectMetadataAsync(_bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private string KeyOf(string sha256) => _keyPrefix + AttachmentKeys.Checked(sha256);
}
