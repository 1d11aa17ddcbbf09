using EcCrm.Core.Webhooks;

namespace EcCrm.Http.Webhooks;

/// <summary>The HTTP answer to each webhook outcome. Problem responses follow RFC 9457.</summary>
public static class WebhookResults
{
    public static IResult ToHttpResult(this WebhookOutcome outcome) => outcome switch
    {
        WebhookOutcome.Accepted accepted => Results.Json(
            new { status = "accepted", orderId = accepted.OrderId, customer = accepted.Customer?.Value },
            statusCode: StatusCodes.Status202Accepted),
        WebhookOutcome.Ignored ignored => Results.Ok(new { status = "ignored", reason = ignored.Reason }),
        WebhookOutcome.Unauthorized unauthorized => Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized, title: "Invalid webhook signature", detail: unauthorized.Reason),
        WebhookOutcome.Invalid invalid => Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The body is not an order EcCrm can read",
            detail: string.Join("; ", invalid.Errors.Take(5)),
            extensions: new Dictionary<string, object?> { ["errors"] = invalid.Errors.Select(error => new { path = error.Path, message = error.Message }) }),
        WebhookOutcome.UnknownSource unknown => Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown order source",
            detail: $"'{unknown.Source}' is not an enabled order source. Known sources: {string.Join(", ", OrderWebhookSources.All)}."),
        WebhookOutcome.TooLarge tooLarge => TooLarge(tooLarge.LimitBytes),
        _ => throw new InvalidOperationException($"Unmapped webhook outcome {outcome.GetType().Name}."),
    };

    public static IResult TooLarge(long limitBytes) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Body too large",
        detail: $"Webhook bodies are limited to {limitBytes} bytes (setting Webhooks:MaxBodyBytes).");
}
