using EcCrm.Core.Privacy;
using EcCrm.Core.Privacy.Shopify;
using EcCrm.Core.Webhooks;
using EcCrm.Http.Privacy;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Webhooks;

/// <summary><c>POST /webhooks/shopify/compliance</c>, shared with the Functions app's HTTP trigger.</summary>
internal static class ShopifyComplianceEndpoints
{
    public static IEndpointRouteBuilder MapShopifyCompliance(this IEndpointRouteBuilder app)
    {
        app.MapPost(
            "/" + ShopifyComplianceHttp.Route,
            (HttpRequest request, ShopifyCompliance compliance, CustomerErasure erasure, IOptions<WebhookOptions> options, CancellationToken cancellationToken) =>
                ShopifyComplianceHttp.AcceptAsync(request, compliance, erasure, options, cancellationToken))
            .WithName("ShopifyComplianceWebhook").DisableAntiforgery();
        return app;
    }
}
