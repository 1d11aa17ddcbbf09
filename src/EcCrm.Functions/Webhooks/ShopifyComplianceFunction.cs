using EcCrm.Core.Privacy;
using EcCrm.Core.Privacy.Shopify;
using EcCrm.Core.Webhooks;
using EcCrm.Http.Privacy;
using EcCrm.Infrastructure.Privacy;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using EcCrm.Orchestration.Journeys;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EcCrm.Functions.Webhooks;

/// <summary>
/// <c>POST /webhooks/shopify/compliance</c> and the <c>compliance</c> queue, as on the Server: the webhook checks and
/// queues Shopify's request, and the queue function carries it out (poison handling: <see cref="QueueMessageRunner"/>).
/// Erasure stops the customer's runs in this app's task hub, through the queue trigger's Durable client.
/// </summary>
public sealed class ShopifyComplianceFunction(
    ShopifyCompliance compliance, JourneyRuns runs, IServiceProvider services, QueueMessageRunner runner, IOptions<WebhookOptions> options)
{
    [Function("ShopifyComplianceWebhook")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ShopifyComplianceHttp.Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ShopifyComplianceHttp.AcceptAsync(request, compliance, options, cancellationToken);

    [Function("CarryOutShopifyCompliance")]
    public Task CarryOutAsync(
        [QueueTrigger(StorageNames.ComplianceQueue)] string body,
        string id,
        long dequeueCount,
        DateTimeOffset insertionTime,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var erasure = ActivatorUtilities.CreateInstance<CustomerErasure>(services, new EngineCustomerRuns(runs, durable));
        var handler = ActivatorUtilities.CreateInstance<ShopifyComplianceMessageHandler>(services, erasure);
        return runner.RunAsync(handler, body, id, dequeueCount, insertionTime, cancellationToken);
    }
}
