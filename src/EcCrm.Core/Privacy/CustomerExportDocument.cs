using EcCrm.Core.Consent;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Privacy;

/// <summary>The export of one customer: profile, orders, suppressions, sends, journey enrollments and the consent history.</summary>
public sealed record CustomerExportDocument(
    CustomerKey Customer,
    DateTimeOffset ExportedAt,
    CustomerProfile? Profile,
    IReadOnlyList<OrderRecord> Orders,
    IReadOnlyList<Suppression> Suppressions,
    IReadOnlyList<SendRecord> Sends,
    IReadOnlyList<EnrollmentView> Enrollments)
{
    /// <summary>Every consent change recorded for the customer, oldest first, with its source and evidence.</summary>
    public IReadOnlyList<ConsentRecord> Consent { get; init; } = [];
}
