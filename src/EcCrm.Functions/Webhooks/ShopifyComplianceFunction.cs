using EcCrm.Core.Privacy;
using EcCrm.Core.Privacy.Shopify;
using EcCrm.Core.Webhooks;
using EcCrm.Http.Privacy;
using EcCrm.Orchestration.Journeys;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EcCrm.Functions.Webhooks;

/// <summary>
/// <c>POST /webhooks/shopify/compliance</c>: Shopify's three compliance topics, as on the Server. Erasure stops the
/// customer's runs in this app's task hub, through the binding's client.
/// </summary>
public sealed class ShopifyComplianceFunction(ShopifyCompliance compliance, JourneyRuns runs, IServiceProvider services, IOptions<WebhookOptions> options)
{
    [Function("ShopifyComplianceWebhook")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ShopifyComplianceHttp.Route)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        ShopifyComplianceHttp.AcceptAsync(
            request, compliance, ActivatorUtilities.CreateInstance<CustomerErasure>(services, new EngineCustomerRuns(runs, durable)), options, cancellationToken);
}
