namespace EcCrm.Core.Consent;

/// <summary>Where a consent change was learnt: the method the law asks a sender to keep with each opt-in.</summary>
public enum ConsentSource
{
    /// <summary>An order the shop reported (its webhook, or an import of its history), with the consent fields it carried.</summary>
    Order,

    /// <summary>The shop's own system through <c>POST /api/customers/{key}/consent</c> (a sign-up form, a preference centre).</summary>
    Api,

    /// <summary>The customer followed the unsubscribe link of an e-mail.</summary>
    UnsubscribeLink,

    /// <summary>The e-mail provider reported an unsubscribe or a spam report (SendGrid's event webhook).</summary>
    ProviderEvent,

    /// <summary>A platform's compliance webhook (such as Shopify's customers/redact).</summary>
    ComplianceWebhook,

    /// <summary>
    /// The consent a profile held when the ledger was introduced: what the customer's stored orders had reported
    /// (<c>acceptsMarketing</c> and <c>consentReportedAt</c>), recorded the first time such a customer is sent e-mail.
    /// </summary>
    Profile,
}
