using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging.Events;

/// <summary>The send an event is about, from the custom args EcCrm put on the message.</summary>
public sealed record SendReference(CustomerKey Customer, string IdempotencyKey, string? EnrollmentId, string? TemplateId);
