using EcCrm.Core.Webhooks;
using EcCrm.Http.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace EcCrm.Functions.Webhooks;

/// <summary><c>POST /webhooks/orders/{source}</c>: Shopify, WooCommerce and generic order webhooks, as on the Server.</summary>
public sealed class OrderWebhookFunction(OrderWebhookIntake intake, IOptions<WebhookOptions> options)
{
    [Function("OrderWebhook")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/orders/{source}")] HttpRequest request,
        string source,
        CancellationToken cancellationToken) =>
        OrderWebhookHttp.AcceptAsync(source, request, intake, options, cancellationToken);
}
