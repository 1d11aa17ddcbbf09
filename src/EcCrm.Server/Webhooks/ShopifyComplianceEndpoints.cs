using EcCrm.Core.Privacy.Shopify;
using EcCrm.Core.Webhooks;
using EcCrm.Http.Privacy;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Webhooks;

/// <summary>
/// <c>POST /webhooks/shopify/compliance</c>, shared with the Functions app's HTTP trigger. It only checks and queues the
/// request; the <c>compliance</c> queue's listener carries it out with the engine's erasure.
/// </summary>
internal static class ShopifyComplianceEndpoints
{
    public static IEndpointRouteBuilder MapShopifyCompliance(this IEndpointRouteBuilder app)
    {
        app.MapPost(
            "/" + ShopifyComplianceHttp.Route,
            (HttpRequest request, ShopifyCompliance compliance, IOptions<WebhookOptions> options, CancellationToken cancellationToken) =>
                ShopifyComplianceHttp.AcceptAsync(request, compliance, options, cancellationToken))
            .WithName("ShopifyComplianceWebhook").DisableAntiforgery();
        return app;
    }
}
