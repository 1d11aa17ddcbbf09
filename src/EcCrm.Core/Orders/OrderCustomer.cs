namespace EcCrm.Core.Orders;

/// <summary>The customer as one order reported them. Every field is optional: guest checkouts carry little.</summary>
public sealed record OrderCustomer
{
    public string? Email { get; init; }

    /// <summary>The shop platform's own customer id, when the order has a customer account.</summary>
    public string? SourceCustomerId { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Phone { get; init; }

    /// <summary>Marketing consent exactly as the shop reported it; <c>null</c> when the shop said nothing.</summary>
    public bool? AcceptsMarketing { get; init; }

    /// <summary>When the platform says the consent was last changed (Shopify's <c>consent_updated_at</c>), when it says.</summary>
    public DateTimeOffset? ConsentUpdatedAt { get; init; }

    /// <summary>The payload's consent fields as they were written, by JSON path: the evidence kept in the consent ledger.</summary>
    public IReadOnlyDictionary<string, string> ConsentEvidence { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    /// <summary>IANA time zone id, when the shop knows it.</summary>
    public string? TimeZone { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code of the customer's address.</summary>
    public string? CountryCode { get; init; }

    public string? City { get; init; }

    /// <summary>BCP 47 language tag such as <c>ja-JP</c>.</summary>
    public string? Locale { get; init; }

    public static OrderCustomer Anonymous { get; } = new();
}
