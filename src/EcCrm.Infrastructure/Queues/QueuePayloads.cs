using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Queues;

/// <summary>
/// Puts bodies of any size on a queue, for good. A queue message holds 64 KiB after Base64, so a body larger than
/// <see cref="MaxInlineBytes"/> goes to the <c>queue-payloads</c> container and the message carries a claim check
/// naming its blob; the consumer reads the body back with <see cref="OpenAsync"/> and removes the blob with
/// <see cref="CompleteAsync"/> once the message has been processed. Messages are sent never to expire: a message
/// waits for as long as an outage lasts, and nothing disappears after the service's default of seven days.
/// </summary>
public sealed class QueuePayloads(StorageClients storage)
{
    /// <summary>The longest body sent in the message itself: 48 KiB of text is 64 KiB in Base64; this leaves room to spare.</summary>
    public const int MaxInlineBytes = 45_000;

    /// <summary>The time-to-live that means "never expires".</summary>
    public static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private const string ClaimCheckPrefix = "{\"claimCheck\":";

    private readonly BlobContainerClient container = storage.Container(storage.Names.QueuePayloads);

    /// <summary>
    /// Sends <paramref name="body"/>, by claim check when it does not fit a message, never to expire. A claim check
    /// itself (a poison message replayed as it first arrived) fits, and is sent as it is.
    /// </summary>
    public async Task SendAsync(QueueClient queue, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(body);
        var bytes = Encoding.UTF8.GetByteCount(body);
        if (bytes <= MaxInlineBytes)
        {
            await queue.SendMessageAsync(body, visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The blob first: a message is never visible before the body it names.
        var blob = container.GetBlobClient($"{queue.Name}/{Guid.NewGuid():N}.json");
        await blob.UploadAsync(BinaryData.FromString(body), overwrite: false, cancellationToken).ConfigureAwait(false);
        try
        {
            var check = JsonSerializer.Serialize(new ClaimCheck(blob.Name, bytes));
            await queue.SendMessageAsync(check, visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Nothing was queued: remove the body, which no message names (it holds customer data).
            await DeleteQuietlyAsync(blob).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The body of a received message: the message itself, or the blob its claim check names.</summary>
    /// <exception cref="UnprocessableMessageException">The claim check names a blob that does not exist.</exception>
    public async Task<QueuePayload> OpenAsync(string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Read(message) is not { } check)
        {
            return new QueuePayload(message, null);
        }

        try
        {
            var content = await container.GetBlobClient(check.Blob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new QueuePayload(content.Value.Content.ToString(), check.Blob);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new UnprocessableMessageException($"The message is a claim check for blob '{check.Blob}' in '{container.Name}', which does not exist.", ex);
        }
    }

    /// <summary>The message has been processed: its claim-checked body, if any, is no longer needed.</summary>
    public async Task CompleteAsync(QueuePayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.BlobName is { } name)
        {
            await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private static ClaimCheck? Read(string message)
    {
        if (!message.StartsWith(ClaimCheckPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ClaimCheck>(message) is { Blob.Length: > 0 } check ? check : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task DeleteQuietlyAsync(BlobClient blob)
    {
        try
        {
            await blob.DeleteIfExistsAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Storage failed twice in a row; the failure that matters is the one being thrown.
        }
    }

    /// <summary>What a claim-checked message holds: the blob's name and the body's size.</summary>
    private sealed record ClaimCheck([property: JsonPropertyName("claimCheck")] string Blob, [property: JsonPropertyName("bytes")] int Bytes);
}
