namespace EcCrm.Core.Messaging.Deliverability;

/// <summary>Per journey, each send the provider reported on, with whether it bounced or drew a spam complaint.</summary>
public interface IDeliverabilityLedger
{
    /// <summary>Marks a send; marking it again (a redelivered event) changes nothing, and no mark is ever taken back.</summary>
    Task MarkAsync(string journeyId, string idempotencyKey, DeliverabilityMark mark, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The journey's sends first reported at or after <paramref name="since"/>, and their bounces and complaints.</summary>
    Task<DeliverabilityCounts> CountAsync(string journeyId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Removes the marks of sends last reported before <paramref name="before"/> (older than any window the guard judges); how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
