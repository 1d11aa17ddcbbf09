using EcCrm.Core.Journeys.Sending;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>Not sent yet: the decider waits until <see cref="Until"/> and asks for the same e-mail again, with the same key.</summary>
public sealed record Deferred(DateTimeOffset Until, DeferReason Reason) : SendOutcome;
