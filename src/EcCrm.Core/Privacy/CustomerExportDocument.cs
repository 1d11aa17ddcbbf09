using EcCrm.Core.Consent;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Tracking;

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

    /// <summary>What the customer did in the shop (viewed, carted, checked out, searched), as tracked and still kept, oldest first.</summary>
    public IReadOnlyList<TrackedEvent> Events { get; init; } = [];

    /// <summary>The customer's survey answers, with the comments they wrote, oldest first.</summary>
    public IReadOnlyList<Surveys.SurveyAnswer> SurveyAnswers { get; init; } = [];
}
