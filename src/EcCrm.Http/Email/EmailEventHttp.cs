using EcCrm.Core.Messaging.Events;
using EcCrm.Core.Webhooks;
using EcCrm.Http.Webhooks;
using Microsoft.Extensions.Options;
using SendGrid.Helpers.EventWebhook;

namespace EcCrm.Http.Email;

/// <summary><c>POST /webhooks/sendgrid</c>: SendGrid's signed event webhook, verified and queued by <see cref="EmailEventIntake"/>.</summary>
public static class EmailEventHttp
{
    public static async Task<IResult> AcceptAsync(HttpRequest request, EmailEventIntake intake, IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAtMostAsync(request, options.Value.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return WebhookResults.TooLarge(options.Value.MaxBodyBytes);
        }

        var delivery = new EventWebhookDelivery(body, request.Headers[RequestValidator.SIGNATURE_HEADER].ToString(), request.Headers[RequestValidator.TIMESTAMP_HEADER].ToString());
        EventWebhookOutcome outcome;
        try
        {
            outcome = await intake.AcceptAsync(delivery, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageUnavailable.IsStorageFailure(ex))
        {
            return StorageUnavailable.Answer(request.HttpContext, ex, StorageUnavailable.EventsPartlyQueued);
        }

        return outcome switch
        {
            EventWebhookOutcome.Accepted accepted => Results.Accepted(value: new { status = "accepted", events = accepted.Events }),
            EventWebhookOutcome.Unauthorized unauthorized => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid event webhook signature", detail: unauthorized.Reason),
            EventWebhookOutcome.Invalid invalid => Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The body is not a batch of SendGrid events",
                extensions: new Dictionary<string, object?> { ["errors"] = invalid.Errors.Select(error => new { path = error.Path, message = error.Message }) }),
            _ => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The SendGrid event webhook is not configured", detail: "Set SendGrid:EventWebhookPublicKey to the webhook's verification key."),
        };
    }
}
