using EcCrm.Core.Privacy.Shopify;
using EcCrm.Core.Webhooks;
using EcCrm.Http.Webhooks;

namespace EcCrm.Http.Privacy;

/// <summary>
/// The HTTP answer to each outcome of accepting a compliance webhook. Problem responses follow RFC 9457; no answer carries
/// personal data. What carrying a request out comes to (prepared, erased) is never an HTTP answer: that happens later,
/// from the queue.
/// </summary>
public static class ShopifyComplianceResults
{
    public static IResult ToHttpResult(this ShopifyComplianceOutcome outcome) => outcome switch
    {
        ShopifyComplianceOutcome.Queued queued => Results.Ok(new { status = "queued", topic = queued.Topic, deliveryId = queued.DeliveryId }),
        ShopifyComplianceOutcome.Duplicate duplicate => Results.Ok(new { status = "duplicate", deliveryId = duplicate.DeliveryId }),
        ShopifyComplianceOutcome.Ignored ignored => Results.Ok(new { status = "ignored", reason = ignored.Reason }),
        ShopifyComplianceOutcome.Unauthorized unauthorized => Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized, title: "Invalid webhook signature", detail: unauthorized.Reason),
        ShopifyComplianceOutcome.UnknownTopic unknown => Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Not a Shopify compliance topic",
            detail: (unknown.Topic is null ? $"The {WebhookHeaders.ShopifyTopic} header is missing." : $"{WebhookHeaders.ShopifyTopic} '{unknown.Topic}' is not a compliance topic.")
                + $" This URL takes {string.Join(", ", ShopifyComplianceTopics.All)}; order topics go to /webhooks/orders/shopify."),
        ShopifyComplianceOutcome.Invalid invalid => Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The body is not a compliance request EcCrm can read",
            detail: string.Join("; ", invalid.Errors.Take(5)),
            extensions: new Dictionary<string, object?> { ["errors"] = invalid.Errors.Select(error => new { path = error.Path, message = error.Message }) }),
        ShopifyComplianceOutcome.NotEnabled => Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Shopify webhooks are not enabled",
            detail: $"Set {WebhookOptions.SectionName}__Shopify__Secret to the app's client secret (and {WebhookOptions.SectionName}__Shopify__Enabled=true)."),
        ShopifyComplianceOutcome.TooLarge tooLarge => WebhookResults.TooLarge(tooLarge.LimitBytes),
        _ => throw new InvalidOperationException($"Unmapped compliance outcome {outcome.GetType().Name}."),
    };
}
