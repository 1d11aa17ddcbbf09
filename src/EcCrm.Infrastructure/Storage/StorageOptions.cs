namespace EcCrm.Infrastructure.Storage;

/// <summary>
/// Where EcCrm keeps its tables, queues and blobs: a connection string (Azurite, local runs) or, on Azure, the service
/// URIs reached with a managed identity.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Azurite on its default ports unless set.</summary>
    public string? ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Table endpoint for identity-based access, e.g. https://account.table.core.windows.net. Takes precedence over the connection string.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Queue endpoint for identity-based access, e.g. https://account.queue.core.windows.net.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>
    /// Blob endpoint for identity-based access, e.g. https://account.blob.core.windows.net (queue payloads too large for
    /// a message; the Server's journey engine keeps its leases and large messages there); by default the queue
    /// endpoint's account.
    /// </summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty for the system-assigned one or a developer login.</summary>
    public string? ClientId { get; set; }

    /// <summary>Prepended to every table and queue name, so several installations (or tests) can share one account.</summary>
    public string Prefix { get; set; } = string.Empty;

    public bool UsesIdentity => TableServiceUri is not null || QueueServiceUri is not null;

    /// <summary>The blob endpoint: <see cref="BlobServiceUri"/>, or the one of the queue endpoint's account (<c>.queue.</c> read as <c>.blob.</c>).</summary>
    public Uri? EffectiveBlobServiceUri => BlobServiceUri
        ?? (QueueServiceUri is { Host: var host } queue && host.Contains(".queue.", StringComparison.OrdinalIgnoreCase)
            ? new UriBuilder(queue) { Host = host.Replace(".queue.", ".blob.", StringComparison.OrdinalIgnoreCase) }.Uri
            : null);
}
