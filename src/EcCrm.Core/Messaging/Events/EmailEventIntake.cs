using EcCrm.Core.Consent;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Core.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging.Events;

/// <summary>
/// Takes the provider's event webhook in two steps. <see cref="AcceptAsync"/> answers the request: signature and
/// timestamp window, every event read, the batch queued — so a batch of thousands is answered at once, and one that
/// cannot be read is refused whole. <see cref="ApplyAsync"/> runs for each queued batch and applies every event once:
/// to the send ledger (an event also confirms a send whose outcome was unknown), the suppression list (hard bounces,
/// spam reports, unsubscribes) and the enrollment that sent the message (opens and clicks for <c>waitFor</c> and
/// <c>split</c>). Each event is recorded as seen after it is applied, so a crash can only apply it again (every step is
/// idempotent), and a replayed delivery changes nothing.
/// </summary>
public sealed partial class EmailEventIntake(
    IEventWebhookSignature signature,
    IEmailEventQueue queue,
    IWebhookReceipts receipts,
    SendLedger ledger,
    Unsubscribes unsubscribes,
    ISuppressionList suppressions,
    IEnrollmentInbox inbox,
    IOptions<SenderOptions> sender,
    IOptions<WebhookOptions> webhooks,
    TimeProvider time,
    CustomerKeys keys,
    ILogger<EmailEventIntake> logger)
{
    public const string ReceiptSource = "sendgrid-events";

    /// <summary>Verifies and reads a delivery, and queues it to be applied.</summary>
    public async Task<EventWebhookOutcome> AcceptAsync(EventWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!signature.IsConfigured)
        {
            return new EventWebhookOutcome.NotConfigured();
        }

        if (delivery.Body.Length > webhooks.Value.MaxBodyBytes)
        {
            return new EventWebhookOutcome.Invalid([new Json.PayloadError("$", $"is larger than the limit of {webhooks.Value.MaxBodyBytes} bytes")]);
        }

        if (string.IsNullOrEmpty(delivery.Signature) || SendGridEventBatch.ReadTimestamp(delivery.Timestamp) is not { } signedAt)
        {
            return new EventWebhookOutcome.Unauthorized("missing signature or timestamp");
        }

        if ((time.GetUtcNow() - signedAt).Duration() > webhooks.Value.ReplayWindow)
        {
            return new EventWebhookOutcome.Unauthorized("timestamp outside the replay window");
        }

        if (!signature.Verify(System.Text.Encoding.UTF8.GetString(delivery.Body.Span), delivery.Signature, delivery.Timestamp!))
        {
            return new EventWebhookOutcome.Unauthorized("signature does not match");
        }

        var (events, errors) = SendGridEventBatch.Parse(delivery.Body);
        if (errors.Count > 0)
        {
            return new EventWebhookOutcome.Invalid(errors);
        }

        await queue.EnqueueAsync(delivery.Body, cancellationToken).ConfigureAwait(false);
        LogQueued(logger, events.Count);
        return new EventWebhookOutcome.Accepted(events.Count);
    }

    /// <summary>Applies the events of one queued batch; those seen in an earlier delivery are counted, not applied again.</summary>
    public async Task<AppliedEvents> ApplyAsync(IReadOnlyList<ProviderEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        int applied = 0, duplicates = 0, skipped = 0;
        foreach (var providerEvent in events)
        {
            var key = providerEvent.DedupeKey;
            if (await receipts.HasSeenAsync(ReceiptSource, key, cancellationToken).ConfigureAwait(false))
            {
                duplicates++;
                continue;
            }

            if (await ApplyAsync(providerEvent, cancellationToken).ConfigureAwait(false))
            {
                applied++;
            }
            else
            {
                skipped++;
            }

            await receipts.RecordAsync(ReceiptSource, key, cancellationToken).ConfigureAwait(false);
        }

        LogApplied(logger, applied, duplicates, skipped);
        return new AppliedEvents(applied, duplicates, skipped);
    }

    private async Task<bool> ApplyAsync(ProviderEvent providerEvent, CancellationToken cancellationToken)
    {
        providerEvent = UnderCurrentKey(providerEvent);
        var customer = providerEvent.Send?.Customer ?? keys.ForEmail(providerEvent.Email);
        switch (providerEvent.Type)
        {
            case ProviderEventType.Bounce when !string.Equals(providerEvent.BounceType, "blocked", StringComparison.OrdinalIgnoreCase):
                await suppressions.AddAsync(providerEvent.Email, new Suppression(SuppressionKind.Bounced, null, providerEvent.At, providerEvent.Reason), cancellationToken).ConfigureAwait(false);
                break;
            case ProviderEventType.SpamReport:
                await unsubscribes.ApplyAsync(customer, providerEvent.Email, null, SuppressionKind.SpamReport, "spam report", OptOut(customer, providerEvent, null), cancellationToken).ConfigureAwait(false);
                break;
            case ProviderEventType.Unsubscribe:
                await unsubscribes.ApplyAsync(customer, providerEvent.Email, null, SuppressionKind.Unsubscribed, "unsubscribed at the provider", OptOut(customer, providerEvent, null), cancellationToken).ConfigureAwait(false);
                break;
            case ProviderEventType.GroupUnsubscribe:
                var group = GroupOf(providerEvent.AsmGroupId);
                await unsubscribes.ApplyAsync(customer, providerEvent.Email, group, SuppressionKind.Unsubscribed, "unsubscribed from the group at the provider", OptOut(customer, providerEvent, group), cancellationToken).ConfigureAwait(false);
                break;
            case ProviderEventType.Processed or ProviderEventType.GroupResubscribe when providerEvent.Send is null:
                return false;
        }

        if (providerEvent.Send is not { } send)
        {
            return providerEvent.Type is ProviderEventType.Bounce or ProviderEventType.SpamReport or ProviderEventType.Unsubscribe or ProviderEventType.GroupUnsubscribe;
        }

        // Conditional on the row's version: a send being settled at the same moment is re-read, never overwritten. The
        // event also confirms a send whose outcome was unknown: the provider only reports on messages it accepted.
        await ledger.ApplyAsync(send.Customer, send.IdempotencyKey, new SendTransition.Observe(providerEvent), cancellationToken).ConfigureAwait(false);

        if (send.EnrollmentId is { } enrollmentId && EngagementOf(providerEvent) is { } kind)
        {
            await inbox.DeliverAsync(enrollmentId, new EmailEvent(kind, send.IdempotencyKey, send.TemplateId ?? string.Empty, providerEvent.At), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// An event about an e-mail sent before the customer key secret changed names the address's earlier key (and
    /// enrollment and idempotency keys holding it); <c>eccrm customers rekey</c> moved the customer and rewrote those keys.
    /// </summary>
    private ProviderEvent UnderCurrentKey(ProviderEvent providerEvent)
    {
        if (providerEvent.Send is not { } send || !EmailAddress.IsPlausible(providerEvent.Email))
        {
            return providerEvent;
        }

        var current = keys.ForEmail(providerEvent.Email);
        if (send.Customer == current || !keys.Previous.Any(derivation => derivation.ForEmail(providerEvent.Email) == send.Customer))
        {
            return providerEvent;
        }

        string? Rewrite(string? text) => text?.Replace(send.Customer.Value, current.Value, StringComparison.Ordinal);
        return providerEvent with { Send = send with { Customer = current, IdempotencyKey = Rewrite(send.IdempotencyKey)!, EnrollmentId = Rewrite(send.EnrollmentId) } };
    }

    /// <summary>
    /// The consent record of an unsubscribe or spam report: at the event's time, keyed by the event's dedupe key, so a
    /// redelivered event is the same record.
    /// </summary>
    private ConsentRecord OptOut(CustomerKey customer, ProviderEvent providerEvent, string? group)
    {
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["event"] = SendGridEventBatch.NameOf(providerEvent.Type),
            ["timestamp"] = providerEvent.At.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (providerEvent.MessageId is { } messageId)
        {
            evidence["sg_message_id"] = messageId;
        }

        if (providerEvent.AsmGroupId is { } asm)
        {
            evidence["asm_group_id"] = asm.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (providerEvent.Send is { } send)
        {
            evidence["idempotencyKey"] = send.IdempotencyKey;
        }

        return new ConsentRecord
        {
            Customer = customer,
            At = providerEvent.At,
            Change = ConsentChange.OptOut,
            Source = ConsentSource.ProviderEvent,
            Reference = "sendgrid:" + providerEvent.DedupeKey,
            Group = group,
            Evidence = evidence,
            RecordedAt = time.GetUtcNow(),
        };
    }

    private static EmailEventKind? EngagementOf(ProviderEvent providerEvent) => providerEvent.Type switch
    {
        ProviderEventType.Delivered => EmailEventKind.Delivered,
        ProviderEventType.Open => EmailEventKind.Opened,
        ProviderEventType.Click => EmailEventKind.Clicked,
        ProviderEventType.Bounce when !string.Equals(providerEvent.BounceType, "blocked", StringComparison.OrdinalIgnoreCase) => EmailEventKind.Bounced,
        ProviderEventType.SpamReport or ProviderEventType.Unsubscribe or ProviderEventType.GroupUnsubscribe => EmailEventKind.Unsubscribed,
        _ => null,
    };

    /// <summary>The subscription group whose SendGrid unsubscribe group this is; unknown groups keep their number.</summary>
    private string? GroupOf(int? asmGroupId) =>
        asmGroupId is not { } id ? null
        : sender.Value.AsmGroups.FirstOrDefault(group => group.Value == id).Key ?? $"asm-{id}";

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail events: {Count} verified and queued")]
    private static partial void LogQueued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail events: {Applied} applied, {Duplicates} seen before, {Skipped} without effect")]
    private static partial void LogApplied(ILogger logger, int applied, int duplicates, int skipped);
}
