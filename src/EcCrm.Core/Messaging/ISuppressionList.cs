namespace EcCrm.Core.Messaging;

/// <summary>Suppressed addresses (Suppressions: PartitionKey the address's hash, one row per kind and group).</summary>
public interface ISuppressionList
{
    Task<IReadOnlyList<Suppression>> GetAsync(string emailAddress, CancellationToken cancellationToken);

    Task AddAsync(string emailAddress, Suppression suppression, CancellationToken cancellationToken);
}
