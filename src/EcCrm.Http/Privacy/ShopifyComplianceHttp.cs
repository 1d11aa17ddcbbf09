using EcCrm.Core.Privacy.Shopify;
using EcCrm.Core.Webhooks;
using EcCrm.Http.Webhooks;
using Microsoft.Extensions.Options;

namespace EcCrm.Http.Privacy;

/// <summary>
/// <c>POST /webhooks/shopify/compliance</c>: hands the raw delivery to <see cref="ShopifyCompliance"/>, which checks it and
/// queues it; the work is done by the <c>compliance</c> queue's consumer. A storage failure gets a 503: nothing was
/// accepted, and Shopify retries.
/// </summary>
public static class ShopifyComplianceHttp
{
    public const string Route = "webhooks/shopify/compliance";

    public static async Task<IResult> AcceptAsync(
        HttpRequest request, ShopifyCompliance compliance, IOptions<WebhookOptions> options, CancellationToken cancellationToken)
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
            var outcome = await compliance.AcceptAsync(new WebhookDelivery(OrderWebhookSources.Shopify, headers, body), cancellationToken).ConfigureAwait(false);
            return outcome.ToHttpResult();
        }
        catch (Exception ex) when (StorageUnavailable.IsStorageFailure(ex))
        {
            return StorageUnavailable.Answer(request.HttpContext, ex, StorageUnavailable.ComplianceRequestNotQueued);
        }
    }
}
