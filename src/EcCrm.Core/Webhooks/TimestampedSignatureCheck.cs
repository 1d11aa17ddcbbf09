namespace EcCrm.Core.Webhooks;

/// <summary>The verdict on a generic-format signature header.</summary>
public enum TimestampedSignatureCheck
{
    Valid,
    Missing,
    Malformed,
    OutsideReplayWindow,
    Mismatch,
}
