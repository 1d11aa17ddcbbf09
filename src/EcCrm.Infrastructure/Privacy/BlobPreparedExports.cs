using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using EcCrm.Core.Json;
using EcCrm.Core.Privacy;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Privacy;

/// <summary>
/// Prepared exports in the <c>prepared-exports</c> container as <c>{customer key}/{name}.json</c>: one folder per
/// customer, so an erasure removes them all and an operator finds them by the key.
/// </summary>
public sealed class BlobPreparedExports(StorageClients storage) : IPreparedExports
{
    private readonly BlobContainerClient container = storage.Container(storage.Names.PreparedExports);

    public static string BlobName(CustomerKey customer, string name) => $"{customer.Value}/{name}.json";

    public async Task<string> SaveAsync(CustomerKey customer, string name, CustomerExportDocument document, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(BlobName(customer, name));
        await blob.UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(document, EcCrmJson.Options)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken).ConfigureAwait(false);
        return $"{container.Name}/{blob.Name}";
    }

    public async Task<int> DeleteAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = customer.Value + "/" }, cancellationToken).ConfigureAwait(false))
        {
            deleted += (await container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken).ConfigureAwait(false)).Value ? 1 : 0;
        }

        return deleted;
    }
}
