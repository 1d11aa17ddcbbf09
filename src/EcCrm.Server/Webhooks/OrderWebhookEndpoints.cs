using EcCrm.Core.Webhooks;
using EcCrm.Http.Webhooks;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Webhooks;

/// <summary><c>POST /webhooks/orders/{source}</c>, shared with the Functions app's HTTP trigger.</summary>
internal static class OrderWebhookEndpoints
{
    public static IEndpointRouteBuilder MapOrderWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(
            "/webhooks/orders/{source}",
            (string source, HttpRequest request, OrderWebhookIntake intake, IOptions<WebhookOptions> options, CancellationToken cancellationToken) =>
                OrderWebhookHttp.AcceptAsync(source, request, intake, options, cancellationToken))
            .WithName("OrderWebhook").DisableAntiforgery();
        return app;
    }
}
