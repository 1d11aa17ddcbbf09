using EcCrm.Core.Webhooks;
using Microsoft.Extensions.Options;

namespace EcCrm.Http.Webhooks;

/// <summary><c>POST /webhooks/orders/{source}</c>: hands the raw delivery to <see cref="OrderWebhookIntake"/>; a storage failure gets a 503 that says what may have been kept.</summary>
public static class OrderWebhookHttp
{
    public static async Task<IResult> AcceptAsync(
        string source, HttpRequest request, OrderWebhookIntake intake, IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        if (!intake.Accepts(source.ToLowerInvariant()))
        {
            return new WebhookOutcome.UnknownSource(source).ToHttpResult();
        }

        var body = await RequestBody.ReadAtMostAsync(request, options.Value.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return WebhookResults.TooLarge(options.Value.MaxBodyBytes);
        }

        var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        try
        {
            var outcome = await intake.AcceptAsync(new WebhookDelivery(source.ToLowerInvariant(), headers, body), cancellationToken).ConfigureAwait(false);
            return outcome.ToHttpResult();
        }
        catch (Exception ex) when (StorageUnavailable.IsStorageFailure(ex))
        {
            return StorageUnavailable.Answer(request.HttpContext, ex, StorageUnavailable.OrderNotQueued);
        }
    }
}
