namespace EcCrm.Core.Webhooks;

/// <summary>Delivery ids already accepted, so a platform's retry of the same delivery is recognised.</summary>
public interface IWebhookReceipts
{
    Task<bool> HasSeenAsync(string source, string deliveryId, CancellationToken cancellationToken);

    Task RecordAsync(string source, string deliveryId, CancellationToken cancellationToken);
}
