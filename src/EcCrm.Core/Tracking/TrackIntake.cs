using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Json;
using EcCrm.Core.Profiles;
using EcCrm.Core.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Tracking;

/// <summary>
/// Takes what customers do in the shop in two steps, as orders are taken. <see cref="AcceptAsync"/> and
/// <see cref="AcceptShopifyCheckoutAsync"/> answer the request: who sent it, every event read (a mistake refuses the whole
/// batch, with its path), the batch queued. <see cref="ApplyAsync"/> runs for each queued batch, at least once, and applies
/// every event once: stored with the customer (or the anonymous visitor), the visitor's earlier events joined to the
/// customer once an event names both, the customer's profile started if the event is the first EcCrm hears of them, and
/// journeys told. Each event is recorded as seen after it is applied, so a crash can only apply it again (every step is
/// idempotent), and a repeated event id changes nothing.
/// </summary>
public sealed partial class TrackIntake(
    ITrackedEventQueue queue,
    ICustomerEvents events,
    IProfileStore profiles,
    IWebhookReceipts receipts,
    EventJourneyTriggers journeys,
    IOptions<TrackingOptions> tracking,
    IOptions<WebhookOptions> webhooks,
    TimeProvider time,
    CustomerKeys keys,
    ILogger<TrackIntake> logger)
{
    public const string ReceiptSource = "tracked-events";

    private static readonly HashSet<string> ShopifyCheckoutTopics = ["checkouts/create", "checkouts/update"];

    /// <summary>
    /// <c>POST /api/events</c>. Trusted when the host verified the API key or the body carries the generic webhook
    /// signature (<c>X-EcCrm-Signature</c>, <c>Webhooks:Generic:Secret</c>); a storefront's write key
    /// (<see cref="TrackingOptions.WriteKey"/>) is taken for anonymous events only.
    /// </summary>
    public async Task<TrackOutcome> AcceptAsync(TrackDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Body.Length > webhooks.Value.MaxBodyBytes)
        {
            return new TrackOutcome.TooLarge(webhooks.Value.MaxBodyBytes);
        }

        bool trusted;
        if (delivery.ApiKeyVerified)
        {
            trusted = true;
        }
        else if (delivery.Header(WebhookHeaders.GenericSignature) is { } signature)
        {
            if (webhooks.Value.Generic is not { Enabled: true, Secret: { } secret })
            {
                return new TrackOutcome.Unauthorized("Signed events need Webhooks:Generic:Secret; send the API key instead.");
            }

            var check = WebhookSignatures.VerifyTimestamped(secret, delivery.Body.Span, signature, time.GetUtcNow(), webhooks.Value.ReplayWindow);
            if (check != TimestampedSignatureCheck.Valid)
            {
                return new TrackOutcome.Unauthorized($"{WebhookHeaders.GenericSignature} is {(check == TimestampedSignatureCheck.OutsideReplayWindow ? "outside the replay window" : "not a valid signature of the body")}.");
            }

            trusted = true;
        }
        else if (delivery.WriteKey is { Length: > 0 } writeKey && tracking.Value.WriteKey is { Length: > 0 } expected && SameText(writeKey, expected))
        {
            trusted = false;
        }
        else
        {
            return new TrackOutcome.Unauthorized($"Send the API key (X-Api-Key), sign the body ({WebhookHeaders.GenericSignature}) or, from a storefront, the write key.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(delivery.Body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return new TrackOutcome.Invalid([new PayloadError("$", $"is not valid JSON: {ex.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ')}.")]);
        }

        using (document)
        {
            var (read, errors) = TrackBatchMapper.Map(document.RootElement, tracking.Value.MaxBatch);
            if (errors.Count > 0)
            {
                LogInvalid(errors.Count);
                return new TrackOutcome.Invalid(errors);
            }

            if (!trusted && read.Select((e, index) => (e, index)).Where(pair => pair.e.Email is not null).ToList() is { Count: > 0 } named)
            {
                var prefix = document.RootElement.ValueKind == JsonValueKind.Array ? "$" : document.RootElement.TryGetProperty("events", out _) ? "$.events" : null;
                return new TrackOutcome.Invalid([.. named.Select(pair => new PayloadError(
                    prefix is null ? "$.customer.email" : $"{prefix}[{pair.index}].customer.email",
                    "may be given only with the API key or a signed request: a storefront's write key sends anonymous events, and checkouts name the customer"))]);
            }

            await queue.EnqueueAsync(read, cancellationToken).ConfigureAwait(false);
            LogQueued(read.Count);
            return new TrackOutcome.Accepted(read.Count);
        }
    }

    /// <summary>Shopify's <c>checkouts/create</c> and <c>checkouts/update</c> webhooks, signed with <c>Webhooks:Shopify:Secret</c>.</summary>
    public async Task<TrackOutcome> AcceptShopifyCheckoutAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (webhooks.Value.Shopify is not { Enabled: true, Secret: { } secret })
        {
            return new TrackOutcome.NotConfigured("Shopify webhooks are not enabled (Webhooks:Shopify:Secret).");
        }

        if (delivery.Body.Length > webhooks.Value.MaxBodyBytes)
        {
            return new TrackOutcome.TooLarge(webhooks.Value.MaxBodyBytes);
        }

        if (!WebhookSignatures.VerifyBase64(secret, delivery.Body.Span, delivery.Header(WebhookHeaders.ShopifyHmac)))
        {
            return new TrackOutcome.Unauthorized($"{WebhookHeaders.ShopifyHmac} is missing or does not match the body.");
        }

        if (delivery.Header(WebhookHeaders.ShopifyTopic) is { } topic && !ShopifyCheckoutTopics.Contains(topic))
        {
            return new TrackOutcome.Ignored($"Topic '{topic}' is not a checkout topic EcCrm reads ({string.Join(", ", ShopifyCheckoutTopics)}).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(delivery.Body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return new TrackOutcome.Invalid([new PayloadError("$", "is not valid JSON")]);
        }

        using (document)
        {
            var mapped = ShopifyCheckoutMapper.Map(document.RootElement);
            if (mapped.Errors.Count > 0)
            {
                LogInvalid(mapped.Errors.Count);
                return new TrackOutcome.Invalid(mapped.Errors);
            }

            if (mapped.Event is not { } checkout)
            {
                return new TrackOutcome.Ignored(mapped.Ignored ?? "Nothing to act on.");
            }

            await queue.EnqueueAsync([checkout], cancellationToken).ConfigureAwait(false);
            LogQueued(1);
            return new TrackOutcome.Accepted(1);
        }
    }

    /// <summary>Applies the events of one queued batch; an event id seen before is counted, not applied again.</summary>
    public async Task<AppliedTrackedEvents> ApplyAsync(IReadOnlyList<TrackedEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int stored = 0, duplicates = 0, anonymous = 0, entered = 0;
        var now = time.GetUtcNow();
        var keepSince = now.AddDays(-tracking.Value.RetentionDays);
        foreach (var tracked in batch.OrderBy(e => e.OccurredAt))
        {
            if (await receipts.HasSeenAsync(ReceiptSource, tracked.EventId, cancellationToken).ConfigureAwait(false))
            {
                duplicates++;
                continue;
            }

            if (tracked.OccurredAt >= keepSince)
            {
                var named = keys.ForEmailIfAny(tracked.Email);
                var customer = named
                    ?? (tracked.AnonymousId is { } visitor ? await events.IdentifiedAsAsync(visitor, cancellationToken).ConfigureAwait(false) : null);
                await events.AddAsync(customer, tracked, cancellationToken).ConfigureAwait(false);
                stored++;
                if (customer is { } key)
                {
                    if (named is not null && tracked.AnonymousId is { } identified)
                    {
                        var joined = await events.IdentifyAsync(identified, key, cancellationToken).ConfigureAwait(false);
                        LogIdentified(key.Value, joined);
                    }

                    var profile = await ProfileAsync(key, tracked, now, cancellationToken).ConfigureAwait(false);
                    entered += await journeys.OnTrackedAsync(profile, tracked, cancellationToken).ConfigureAwait(false);
                    await events.PruneAsync(key, keepSince, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    anonymous++;

                    // Checked again after storing: a checkout naming the visitor may have linked them meanwhile, after
                    // the first check and before its move read the visitor's events; the link is written before that
                    // move, so one of the two always sees the other, and no event stays behind with the visitor.
                    if (tracked.AnonymousId is { } stillAnonymous && await events.IdentifiedAsAsync(stillAnonymous, cancellationToken).ConfigureAwait(false) is { } late)
                    {
                        LogIdentified(late.Value, await events.IdentifyAsync(stillAnonymous, late, cancellationToken).ConfigureAwait(false));
                    }
                }
            }

            await receipts.RecordAsync(ReceiptSource, tracked.EventId, cancellationToken).ConfigureAwait(false);
        }

        LogApplied(stored, duplicates, anonymous, entered);
        return new AppliedTrackedEvents(stored, duplicates, anonymous, entered);
    }

    /// <summary>
    /// The customer's profile, started from the event when it is the first EcCrm hears of them (a checkout before any
    /// order): their address and name, and the marketing consent the checkout asked for when no order has reported one.
    /// </summary>
    private async Task<CustomerProfile> ProfileAsync(CustomerKey key, TrackedEvent tracked, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = (await profiles.GetAsync(key, cancellationToken).ConfigureAwait(false))?.Value;
        if (stored is not null && (stored.Email is not null || tracked.Email is null) && (stored.AcceptsMarketing is not null || tracked.AcceptsMarketing is null))
        {
            return stored;
        }

        var (_, after) = await profiles.UpdateAsync(
            key,
            (current, _) => Task.FromResult(current with
            {
                Email = current.Email ?? tracked.Email,
                FirstName = current.FirstName ?? tracked.FirstName,
                LastName = current.LastName ?? tracked.LastName,
                AcceptsMarketing = current.AcceptsMarketing ?? tracked.AcceptsMarketing,
                ConsentReportedAt = current.AcceptsMarketing is null && tracked.AcceptsMarketing is not null ? tracked.OccurredAt : current.ConsentReportedAt,
                UpdatedAt = now,
            }),
            cancellationToken).ConfigureAwait(false);
        return after;
    }

    private static bool SameText(string provided, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(provided)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracked events: {Count} read and queued")]
    private partial void LogQueued(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracked events refused with {ErrorCount} payload errors")]
    private partial void LogInvalid(int errorCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Visitor identified as customer {CustomerKey}: {Joined} earlier events joined the profile")]
    private partial void LogIdentified(string customerKey, int joined);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracked events: {Stored} stored, {Duplicates} seen before, {Anonymous} of anonymous visitors, {Entered} journey entries")]
    private partial void LogApplied(int stored, int duplicates, int anonymous, int entered);
}
