using EcCrm.Core.Json;

namespace EcCrm.Core.Privacy.Shopify;

/// <summary>What became of a Shopify compliance delivery. Every host maps these to the same HTTP answers.</summary>
public abstract record ShopifyComplianceOutcome
{
    private ShopifyComplianceOutcome()
    {
    }

    /// <summary>Verified, read and queued to be carried out (200, which is what Shopify expects); the work follows on the <c>compliance</c> queue.</summary>
    public sealed record Queued(string Topic, string? DeliveryId) : ShopifyComplianceOutcome;

    /// <summary><c>customers/data_request</c> answered: the exports prepared, where the operator finds them (200).</summary>
    public sealed record Prepared(IReadOnlyList<string> Exports) : ShopifyComplianceOutcome;

    /// <summary><c>customers/redact</c> or <c>shop/redact</c> carried out: how many customers and orders (theirs and guest orders) were erased (200).</summary>
    public sealed record Erased(string Topic, int Customers, int Orders, int RunsNotPurged) : ShopifyComplianceOutcome;

    /// <summary>This delivery id was carried out before; nothing was queued or done again (200).</summary>
    public sealed record Duplicate(string DeliveryId) : ShopifyComplianceOutcome;

    /// <summary>Authentic, but for another shop than <c>Webhooks:Shopify:ShopDomain</c>: nothing of it is held here (200).</summary>
    public sealed record Ignored(string Reason) : ShopifyComplianceOutcome;

    /// <summary>Missing or wrong signature (401). Nothing was read or done.</summary>
    public sealed record Unauthorized(string Reason) : ShopifyComplianceOutcome;

    /// <summary>Authentic, but the topic header is missing or names no compliance topic (400).</summary>
    public sealed record UnknownTopic(string? Topic) : ShopifyComplianceOutcome;

    /// <summary>Authentic, but the body is not the topic's payload (400), with every problem found at its JSON path.</summary>
    public sealed record Invalid(IReadOnlyList<PayloadError> Errors) : ShopifyComplianceOutcome;

    /// <summary>Shopify webhooks are disabled or have no secret (404).</summary>
    public sealed record NotEnabled : ShopifyComplianceOutcome;

    /// <summary>The body is larger than the configured limit (413).</summary>
    public sealed record TooLarge(long LimitBytes) : ShopifyComplianceOutcome;
}
