using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Privacy;

/// <summary>The export of one customer: profile, orders, consent-related suppressions, sends and journey enrollments.</summary>
public sealed record CustomerExportDocument(
    CustomerKey Customer,
    DateTimeOffset ExportedAt,
    CustomerProfile? Profile,
    IReadOnlyList<OrderRecord> Orders,
    IReadOnlyList<Suppression> Suppressions,
    IReadOnlyList<SendRecord> Sends,
    IReadOnlyList<EnrollmentView> Enrollments);
