using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Tracking;
using EcCrm.Core.Webhooks;
using EcCrm.Http.Webhooks;
using Microsoft.Extensions.Options;

namespace EcCrm.Http.Tracking;

/// <summary>
/// <c>POST /api/events</c> (the track API) and <c>POST /webhooks/checkouts/shopify</c> (Shopify's checkout webhooks), shared
/// by both hosts: the raw request goes to <see cref="TrackIntake"/>; a storage failure gets a 503 that says retrying is safe.
/// </summary>
public static class TrackHttp
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The storefront's publishable key, as a header or, for <c>navigator.sendBeacon</c>, which sends no headers, in the query.</summary>
    public const string WriteKeyHeader = "X-EcCrm-Write-Key";

    public const string WriteKeyQuery = "writeKey";

    /// <param name="apiKey">The host's API key (<c>Api:Key</c>); without one, a request that sends a key is refused.</param>
    public static async Task<IResult> AcceptEventsAsync(
        HttpRequest request, TrackIntake intake, string? apiKey, IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sent = request.Headers[ApiKeyHeader].ToString();
        var verified = false;
        if (sent.Length > 0)
        {
            // A wrong API key is refused as such, never tried as something else.
            if (apiKey is not { Length: > 0 } expected || !SameText(sent, expected))
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: $"The {ApiKeyHeader} header does not hold the API key.");
            }

            verified = true;
        }

        var body = await RequestBody.ReadAtMostAsync(request, options.Value.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return WebhookResults.TooLarge(options.Value.MaxBodyBytes);
        }

        var writeKey = request.Headers[WriteKeyHeader].ToString() is { Length: > 0 } header ? header : request.Query[WriteKeyQuery].ToString();
        var delivery = new TrackDelivery(Headers(request), body, writeKey, verified);
        return await AnswerAsync(request, () => intake.AcceptAsync(delivery, cancellationToken)).ConfigureAwait(false);
    }

    public static async Task<IResult> AcceptShopifyCheckoutAsync(
        HttpRequest request, TrackIntake intake, IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await RequestBody.ReadAtMostAsync(request, options.Value.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return WebhookResults.TooLarge(options.Value.MaxBodyBytes);
        }

        var delivery = new WebhookDelivery(OrderWebhookSources.Shopify, Headers(request), body);
        return await AnswerAsync(request, () => intake.AcceptShopifyCheckoutAsync(delivery, cancellationToken)).ConfigureAwait(false);
    }

    public static IResult ToHttpResult(this TrackOutcome outcome) => outcome switch
    {
        TrackOutcome.Accepted accepted => Results.Json(new { status = "accepted", events = accepted.Events }, statusCode: StatusCodes.Status202Accepted),
        TrackOutcome.Ignored ignored => Results.Ok(new { status = "ignored", reason = ignored.Reason }),
        TrackOutcome.Unauthorized unauthorized => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: unauthorized.Reason),
        TrackOutcome.Invalid invalid => Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The body is not events EcCrm can read",
            detail: string.Join("; ", invalid.Errors.Take(5)),
            extensions: new Dictionary<string, object?> { ["errors"] = invalid.Errors.Select(error => new { path = error.Path, message = error.Message }) }),
        TrackOutcome.NotConfigured notConfigured => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not configured", detail: notConfigured.Reason),
        TrackOutcome.TooLarge tooLarge => WebhookResults.TooLarge(tooLarge.LimitBytes),
        _ => throw new InvalidOperationException($"Unmapped track outcome {outcome.GetType().Name}."),
    };

    private static async Task<IResult> AnswerAsync(HttpRequest request, Func<Task<TrackOutcome>> accept)
    {
        try
        {
            return (await accept().ConfigureAwait(false)).ToHttpResult();
        }
        catch (Exception ex) when (StorageUnavailable.IsStorageFailure(ex))
        {
            return StorageUnavailable.Answer(request.HttpContext, ex, StorageUnavailable.EventsPartlyQueued);
        }
    }

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    private static bool SameText(string provided, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(provided)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
