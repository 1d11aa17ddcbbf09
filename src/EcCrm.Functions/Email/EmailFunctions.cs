using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Events;
using EcCrm.Core.Shop;
using EcCrm.Core.Webhooks;
using EcCrm.Http.Email;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace EcCrm.Functions.Email;

/// <summary>SendGrid's signed event webhook and the unsubscribe link, answered exactly as the Server answers them.</summary>
public sealed class EmailFunctions(
    EmailEventIntake events, UnsubscribeTokens tokens, Unsubscribes unsubscribes, IOptions<WebhookOptions> webhooks, IOptions<ShopOptions> shop)
{
    [Function("SendGridEvents")]
    public Task<IResult> EventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/sendgrid")] HttpRequest request, CancellationToken cancellationToken) =>
        EmailEventHttp.AcceptAsync(request, events, webhooks, cancellationToken);

    [Function("UnsubscribePage")]
    public IResult ConfirmPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "unsubscribe")] HttpRequest request) =>
        UnsubscribeHttp.ConfirmPage(request.Query["token"], tokens, shop, request.HttpContext);

    [Function("Unsubscribe")]
    public Task<IResult> UnsubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "unsubscribe")] HttpRequest request, CancellationToken cancellationToken) =>
        UnsubscribeHttp.UnsubscribeAsync(request.Query["token"], unsubscribes, shop, request.HttpContext, cancellationToken);
}
