using EcCrm.Core.Tracking;
using EcCrm.Core.Webhooks;
using EcCrm.Http.Tracking;
using EcCrm.Server.Security;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Tracking;

/// <summary><c>POST /api/events</c> and <c>POST /webhooks/checkouts/shopify</c>, shared with the Functions app's HTTP triggers.</summary>
internal static class TrackEndpoints
{
    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder app)
    {
        app.MapPost(
            "/api/events",
            (HttpRequest request, TrackIntake intake, IOptions<ApiOptions> api, IOptions<WebhookOptions> options, CancellationToken cancellationToken) =>
                TrackHttp.AcceptEventsAsync(request, intake, api.Value.Key, options, cancellationToken))
            .WithName("TrackEvents").DisableAntiforgery();
        app.MapPost(
            "/webhooks/checkouts/shopify",
            (HttpRequest request, TrackIntake intake, IOptions<WebhookOptions> options, CancellationToken cancellationToken) =>
                TrackHttp.AcceptShopifyCheckoutAsync(request, intake, options, cancellationToken))
            .WithName("ShopifyCheckoutWebhook").DisableAntiforgery();
        return app;
    }
}
