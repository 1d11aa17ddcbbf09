using EcCrm.Core.Privacy;
using EcCrm.Core.Privacy.Shopify;
using EcCrm.Core.Webhooks;
using EcCrm.Http.Webhooks;
using Microsoft.Extensions.Options;

namespace EcCrm.Http.Privacy;

/// <summary>
/// <c>POST /webhooks/shopify/compliance</c>: hands the raw delivery to <see cref="ShopifyCompliance"/> with the host's
/// erasure; a storage failure gets a 503 (Shopify retries, and every step is idempotent).
/// </summary>
public static class ShopifyComplianceHttp
{
    public const string Route = "webhooks/shopify/compliance";

    public static async Task<IResult> AcceptAsync(
        HttpRequest request, ShopifyCompliance compliance, CustomerErasure erasure, IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(compliance);
        if (!compliance.Accepts)
        {
            return new ShopifyComplianceOutcome.NotEnabled().ToHttpResult();
        }

        var body = await RequestBody.ReadAtMostAsync(request, options.Value.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return WebhookResults.TooLarge(options.Value.MaxBodyBytes);
        }

        var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        try
        {
            var outcome = await compliance.AcceptAsync(new WebhookDelivery(OrderWebhookSources.Shopify, headers, body), erasure, cancellationToken).ConfigureAwait(false);
            return outcome.ToHttpResult();
        }
        catch (Exception ex) when (StorageUnavailable.IsStorageFailure(ex))
        {
            return StorageUnavailable.Answer(request.HttpContext, ex, StorageUnavailable.RequestMayBePartial);
        }
    }
}
