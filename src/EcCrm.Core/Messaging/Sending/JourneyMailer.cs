using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging.Sending;

/// <summary>
/// Sends a journey's e-mail exactly once per idempotency key. The ledger row is claimed (added, never overwritten)
/// before the provider is called, so a second attempt — a redelivered input, a second process — finds it and does not
/// send again. A crash between the claim and the provider's answer leaves the row pending; the next attempt marks it
/// unconfirmed and reports it instead of risking a duplicate. The send policy is checked here, at send time, with the
/// profile, suppressions and ledger as they are now.
/// </summary>
public sealed partial class JourneyMailer(
    IProfileStore profiles,
    ISuppressionList suppressions,
    ISendHistory history,
    PersonalisedEmails emails,
    IEmailSender sender,
    EmailComposer composer,
    UnsubscribeTokens unsubscribeTokens,
    IOptions<ShopOptions> shop,
    TimeProvider time,
    ILogger<JourneyMailer> logger) : IJourneyMailer
{
    /// <summary>A claim younger than this may belong to a send still in flight elsewhere: wait rather than judge it.</summary>
    public static readonly TimeSpan InFlightAllowance = TimeSpan.FromMinutes(5);

    public async Task<SendOutcome> SendAsync(JourneySend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var effect = send.Effect;
        if (await history.GetAsync(send.Customer, effect.IdempotencyKey, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return await OutcomeOfEarlierAsync(earlier, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var profile = (await profiles.GetAsync(send.Customer, cancellationToken).ConfigureAwait(false))?.Value;
        if (profile?.Email is not { } address || !EmailAddress.IsPlausible(address))
        {
            return new Blocked(BlockReason.NoAddress);
        }

        var verdict = await CheckPolicyAsync(send, profile, address, now, cancellationToken).ConfigureAwait(false);
        if (verdict is not AllowSend)
        {
            return SendOutcome.From(verdict, now);
        }

        var unsubscribeUrl = unsubscribeTokens.LinkFor(send.Customer, effect.Transactional ? null : effect.SubscriptionGroup);
        RenderedEmail rendered;
        try
        {
            rendered = await emails.RenderAsync(profile, effect.TemplateId, send.JourneyId, send.JourneyVersion, effect.CouponCode, unsubscribeUrl, now, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            LogTemplateBroken(logger, effect.TemplateId, send.JourneyId, ex.Message);
            return new Blocked(BlockReason.TemplateBroken);
        }

        var message = composer.Compose(rendered, profile, send, unsubscribeUrl);
        var pending = new SendRecord
        {
            Customer = send.Customer,
            IdempotencyKey = effect.IdempotencyKey,
            Status = SendStatus.Pending,
            QueuedAt = now,
            JourneyId = send.JourneyId,
            JourneyVersion = send.JourneyVersion,
            EnrollmentId = send.EnrollmentId,
            NodeId = effect.NodeId,
            TemplateId = effect.TemplateId,
            Subject = rendered.Subject,
            Transactional = effect.Transactional,
        };
        if (!await history.TryClaimAsync(pending, cancellationToken).ConfigureAwait(false))
        {
            var claimed = await history.GetAsync(send.Customer, effect.IdempotencyKey, cancellationToken).ConfigureAwait(false);
            return claimed is null
                ? throw new EmailProviderUnavailableException("The send's ledger row was claimed and released meanwhile; try again.")
                : await OutcomeOfEarlierAsync(claimed, cancellationToken).ConfigureAwait(false);
        }

        EmailSendResult result;
        try
        {
            result = await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (EmailProviderUnavailableException)
        {
            // Nothing was accepted: give the claim back so the retried input can send.
            await history.ReleaseAsync(send.Customer, effect.IdempotencyKey, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var sentAt = time.GetUtcNow();
        switch (result)
        {
            case EmailSendResult.Accepted accepted:
                await history.UpdateAsync(pending with { Status = SendStatus.Sent, SentAt = sentAt, ProviderMessageId = accepted.ProviderMessageId }, CancellationToken.None).ConfigureAwait(false);
                return new Sent(sentAt);
            case EmailSendResult.Rejected rejected:
                await history.UpdateAsync(pending with { Status = SendStatus.Failed, FailureReason = rejected.Reason }, CancellationToken.None).ConfigureAwait(false);
                LogRejected(logger, effect.IdempotencyKey, rejected.Reason);
                return new Blocked(BlockReason.ProviderRejected);
            default:
                throw new InvalidOperationException($"Unknown send result {result.GetType().Name}.");
        }
    }

    private async Task<SendVerdict> CheckPolicyAsync(JourneySend send, CustomerProfile profile, string address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var effect = send.Effect;
        var suppressed = (await suppressions.GetAsync(address, cancellationToken).ConfigureAwait(false))
            .Any(suppression => suppression.Blocks(effect.Transactional, effect.SubscriptionGroup));
        IReadOnlyList<DateTimeOffset> recent = [];
        if (!effect.Transactional && send.Policy.FrequencyCap is { } cap)
        {
            recent = await history.MarketingSendsSinceAsync(send.Customer, now.AddDays(-cap.PerDays), cancellationToken).ConfigureAwait(false);
        }

        var zone = SendPolicy.ZoneFor(profile.TimeZone, shop.Value.TimeZone);
        return SendPolicy.Evaluate(send.Policy, zone, recent, suppressed, profile.AcceptsMarketing, effect.Transactional, now);
    }

    private async Task<SendOutcome> OutcomeOfEarlierAsync(SendRecord earlier, CancellationToken cancellationToken)
    {
        switch (earlier.Status)
        {
            case SendStatus.Sent:
                return new Sent(earlier.SentAt ?? earlier.QueuedAt);
            case SendStatus.Failed:
                return new Blocked(BlockReason.ProviderRejected);
            case SendStatus.Unconfirmed:
                return new Sent(earlier.QueuedAt);
            case SendStatus.Pending when time.GetUtcNow() - earlier.QueuedAt < InFlightAllowance:
                throw new EmailProviderUnavailableException("This e-mail is being sent by another attempt; its outcome is not known yet.");
            default:
                // A crash after the claim: the provider may have accepted it. Never risk a duplicate; say so.
                await history.UpdateAsync(earlier with { Status = SendStatus.Unconfirmed }, cancellationToken).ConfigureAwait(false);
                LogUnconfirmed(logger, earlier.IdempotencyKey, earlier.EnrollmentId);
                return new Sent(earlier.QueuedAt);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Send {IdempotencyKey} of enrollment {EnrollmentId} was claimed but never confirmed (a crash while sending); it is marked unconfirmed and will not be sent again")]
    private static partial void LogUnconfirmed(ILogger logger, string idempotencyKey, string? enrollmentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The provider rejected send {IdempotencyKey}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string idempotencyKey, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Template {TemplateId} of journey {JourneyId} does not render: {Problem}")]
    private static partial void LogTemplateBroken(ILogger logger, string templateId, string journeyId, string problem);
}
