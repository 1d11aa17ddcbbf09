using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Storage;

/// <summary>The table, queue and blob service clients, made once per process from <see cref="StorageOptions"/>.</summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options, StorageNames names)
    {
        var settings = options.Value;
        Names = names;

        // Base64 message bodies, as the Azure Functions queue trigger expects by default (host.json messageEncoding).
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (settings.UsesIdentity)
        {
            var credential = CredentialFor(settings);
            Tables = new TableServiceClient(settings.TableServiceUri!, credential);
            Queues = new QueueServiceClient(settings.QueueServiceUri!, credential, queueOptions);
            Blobs = new BlobServiceClient(settings.EffectiveBlobServiceUri!, credential);
        }
        else
        {
            Tables = new TableServiceClient(settings.ConnectionString);
            Queues = new QueueServiceClient(settings.ConnectionString, queueOptions);
            Blobs = new BlobServiceClient(settings.ConnectionString);
        }
    }

    public StorageNames Names { get; }

    /// <summary>The identity storage is reached with: the user-assigned managed identity when a client id is set, else the default chain.</summary>
    public static TokenCredential CredentialFor(StorageOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.IsNullOrWhiteSpace(settings.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(settings.ClientId));
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);
}
