using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging;

/// <summary>What an unsubscribe link asks for: this customer, from this subscription group (or from all marketing).</summary>
public sealed record UnsubscribeRequest(CustomerKey Customer, string? Group);
