using EcCrm.Core.Profiles;

namespace EcCrm.Core.Consent;

/// <summary>Where consent records are kept: beside the customer's profile, one row per record, only ever added.</summary>
public interface IConsentLedger
{
    /// <summary>Adds the records not held yet (by <see cref="ConsentRecord.Id"/>); one held already stays as it was. How many were added.</summary>
    Task<int> AddAsync(IReadOnlyList<ConsentRecord> records, CancellationToken cancellationToken);

    /// <summary>The customer's records, oldest first, erased ones included.</summary>
    Task<IReadOnlyList<ConsentRecord>> ListAsync(CustomerKey customer, CancellationToken cancellationToken);

    /// <summary>
    /// For an erasure: keeps each record without its evidence until <paramref name="keepUntil"/>, or deletes them all
    /// when it is <c>null</c> (or already past); records kept by an earlier erasure whose time has come are deleted.
    /// Returns how many records are kept and how many were deleted.
    /// </summary>
    Task<(int Kept, int Deleted)> EraseAsync(CustomerKey customer, DateTimeOffset? keepUntil, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the records of erased customers kept until a time now past, whoever they were; how many.</summary>
    Task<int> PurgeKeptAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
