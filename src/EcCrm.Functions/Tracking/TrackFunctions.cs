using EcCrm.Core.Tracking;
using EcCrm.Core.Webhooks;
using EcCrm.Http.Tracking;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using EcCrm.Infrastructure.Tracking;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EcCrm.Functions.Tracking;

/// <summary>The track API, Shopify's checkout webhooks and the <c>tracked-events</c> queue, as on the Server.</summary>
public sealed class TrackFunctions(TrackIntake intake, IConfiguration configuration, IOptions<WebhookOptions> options, TrackedEventMessageHandler handler, QueueMessageRunner runner)
{
    [Function("TrackEvents")]
    public Task<IResult> TrackAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/events")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TrackHttp.AcceptEventsAsync(request, intake, configuration["Api:Key"], options, cancellationToken);

    [Function("ShopifyCheckoutWebhook")]
    public Task<IResult> CheckoutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/checkouts/shopify")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TrackHttp.AcceptShopifyCheckoutAsync(request, intake, options, cancellationToken);

    [Function("ApplyTrackedEvents")]
    public Task ApplyAsync([QueueTrigger(StorageNames.TrackedEventsQueue)] string body, string id, long dequeueCount, DateTimeOffset insertionTime, CancellationToken cancellationToken) =>
        runner.RunAsync(handler, body, id, dequeueCount, insertionTime, cancellationToken);
}
