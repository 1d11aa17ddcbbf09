using EcCrm.Core.Profiles;
using EcCrm.Core.Storage;

namespace EcCrm.Core.Journeys.Running;

/// <summary>Enrollments by customer. Every write is conditional (ETag): a second enrollment of the same id is refused.</summary>
public interface IEnrollmentStore
{
    /// <summary>Creates the enrollment; <c>false</c> when one with this id exists (a repeated entry is a no-op).</summary>
    Task<bool> TryCreateAsync(EnrollmentRecord enrollment, CancellationToken cancellationToken);

    Task<Versioned<EnrollmentRecord>?> GetAsync(string enrollmentId, CancellationToken cancellationToken);

    /// <summary>Replaces the enrollment read at <paramref name="version"/>; the new version, or <c>null</c> when it changed meanwhile.</summary>
    Task<string?> TryReplaceAsync(EnrollmentRecord enrollment, string version, CancellationToken cancellationToken);

    Task<IReadOnlyList<EnrollmentRecord>> ListByCustomerAsync(CustomerKey customer, CancellationToken cancellationToken);

    /// <summary>Every enrollment in one journey (all versions), in one query of every partition: for people looking, and for runs that judge many customers at once.</summary>
    Task<IReadOnlyList<EnrollmentRecord>> ListByJourneyAsync(string journeyId, CancellationToken cancellationToken);
}
