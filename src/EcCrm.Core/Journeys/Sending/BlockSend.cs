namespace EcCrm.Core.Journeys.Sending;

/// <summary>Never: this e-mail must not go to this customer.</summary>
public sealed record BlockSend(BlockReason Reason) : SendVerdict;
