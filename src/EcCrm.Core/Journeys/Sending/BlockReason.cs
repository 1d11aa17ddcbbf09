namespace EcCrm.Core.Journeys.Sending;

public enum BlockReason
{
    /// <summary>No marketing consent (not given, withdrawn, or never reported).</summary>
    NoConsent,

    /// <summary>The address is suppressed: hard bounce, spam report or unsubscribe from everything.</summary>
    Suppressed,

    /// <summary>The profile has no usable e-mail address.</summary>
    NoAddress,
}
