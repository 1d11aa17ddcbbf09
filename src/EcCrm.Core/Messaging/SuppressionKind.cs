namespace EcCrm.Core.Messaging;

/// <summary>Why an address gets no (or no marketing) e-mail.</summary>
public enum SuppressionKind
{
    /// <summary>The customer unsubscribed (from one subscription group, or from all marketing).</summary>
    Unsubscribed,

    /// <summary>The address bounced hard: nothing is sent to it, transactional e-mail included.</summary>
    Bounced,

    /// <summary>The customer reported an e-mail as spam.</summary>
    SpamReport,

    /// <summary>The provider found the address invalid: nothing is sent to it.</summary>
    Invalid,
}
