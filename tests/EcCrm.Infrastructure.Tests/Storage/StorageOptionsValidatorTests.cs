using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Tests.Storage;

public class StorageOptionsValidatorTests
{
    [Fact]
    public void WithAManagedIdentityTheBlobEndpointIsTheQueueEndpointsAccountUnlessSet()
    {
        var options = new StorageOptions
        {
            TableServiceUri = new Uri("https://eccrmst1.table.core.windows.net/"),
            QueueServiceUri = new Uri("https://eccrmst1.queue.core.windows.net/"),
        };

        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(new Uri("https://eccrmst1.blob.core.windows.net/"), options.EffectiveBlobServiceUri);
        options.BlobServiceUri = new Uri("https://eccrmst1.z7.blob.storage.azure.net/");
        Assert.Equal(options.BlobServiceUri, options.EffectiveBlobServiceUri);
    }

    [Fact]
    public void AQueueEndpointThatNamesNoAccountNeedsTheBlobEndpointSet()
    {
        var options = new StorageOptions
        {
            TableServiceUri = new Uri("https://tables.storage.example.com/"),
            QueueServiceUri = new Uri("https://queues.storage.example.com/"),
        };

        var result = new StorageOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, failure => failure.StartsWith("Setting 'Storage:BlobServiceUri' is missing", StringComparison.Ordinal));
        options.BlobServiceUri = new Uri("http://blobs.storage.example.com/");
        Assert.Contains(new StorageOptionsValidator().Validate(null, options).Failures!, failure => failure.StartsWith("Setting 'Storage:BlobServiceUri' must be an absolute https URI", StringComparison.Ordinal));
    }
}
