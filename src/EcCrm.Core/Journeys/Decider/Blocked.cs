using EcCrm.Core.Journeys.Sending;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>Never sent; the journey goes on without it.</summary>
public sealed record Blocked(BlockReason Reason) : SendOutcome;
