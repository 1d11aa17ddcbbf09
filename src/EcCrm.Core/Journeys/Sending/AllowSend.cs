namespace EcCrm.Core.Journeys.Sending;

/// <summary>Send now.</summary>
public sealed record AllowSend : SendVerdict
{
    public static AllowSend Instance { get; } = new();
}
