namespace EcCrm.Core.Journeys.Sending;

public enum BlockReason
{
    /// <summary>No marketing consent: the customer's latest consent record is an opt-out (declined or withdrawn).</summary>
    NoConsent,

    /// <summary>The address is suppressed for this send: a hard bounce or invalid address, or (for marketing) a spam report or an unsubscribe.</summary>
    Suppressed,

    /// <summary>The profile has no usable e-mail address.</summary>
    NoAddress,

    /// <summary>The e-mail provider refused the message for good (see the send history for its reason).</summary>
    ProviderRejected,

    /// <summary>The template no longer renders (it was changed after the journey was published).</summary>
    TemplateBroken,

    /// <summary>The consent ledger holds no opt-in of the customer: nothing shows they agreed to marketing e-mail.</summary>
    NoRecordedOptIn,
}
