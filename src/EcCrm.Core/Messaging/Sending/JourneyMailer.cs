using EcCrm.Core.Consent;
using EcCrm.Core.Diagnostics;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Messaging.Deliverability;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Core.Surveys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging.Sending;

/// <summary>
/// Sends a journey's e-mail exactly once per idempotency key, keeping the send ledger through <see cref="SendLedger"/>.
/// The row is claimed before the provider is called, so a second attempt — a redelivered input, a second process —
/// finds it and does not send again. The provider's answer moves the row on: accepted, rejected, deferred (refused for
/// now) or released (never reached) — the last two claimable again by a later attempt, and the caller told to wait
/// (<see cref="DeferReason.ProviderBusy"/>, with back-off) — or unconfirmed when the request may have reached the
/// provider but its answer was lost. A claim left behind by an attempt that stopped (a crash) is judged unconfirmed too.
/// An unconfirmed send is reconciled, never resent blindly: the provider's events carrying its key settle it; if none
/// comes within <see cref="DeliveryOptions.ReconciliationWindow"/> it is sent again under the same key, and meanwhile
/// the caller waits (<see cref="DeferReason.AwaitingConfirmation"/>). Where no events can come (SendGrid without its
/// event webhook) it is never sent again and the caller hears <see cref="Unconfirmed"/>. Windows are real time, read
/// through the journeys' clock. The send policy is checked here, at send time, with the profile, suppressions and
/// ledger as they are now. Marketing goes only to a customer whose consent ledger records an opt-in; a customer ingested
/// before the ledger existed, whose profile holds the consent their orders reported, has that recorded as their opt-in
/// (<see cref="ConsentSource.Profile"/>) the first time they are sent e-mail.
/// A send makes four storage calls: one read of the customer's ledger partition (the row of its key and the recent
/// sends the frequency cap counts), one read of the customer (<see cref="IRecipients"/>: profile, last order,
/// suppressions, coupon), the claim and the outcome.
/// </summary>
public sealed partial class JourneyMailer(
    IRecipients recipients,
    IConsentLedger consentLedger,
    ISendHistory history,
    SendLedger ledger,
    PersonalisedEmails emails,
    IEmailSender sender,
    EmailComposer composer,
    UnsubscribeTokens unsubscribeTokens,
    HeldJourneys held,
    SurveyTokens surveyTokens,
    IOptions<ShopOptions> shop,
    IOptions<DeliveryOptions> delivery,
    JourneyClock clock,
    TimeProvider time,
    ILogger<JourneyMailer> logger) : IJourneyMailer
{
    public async Task<SendOutcome> SendAsync(JourneySend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var effect = send.Effect;
        var now = time.GetUtcNow();
        var capWindow = !effect.Transactional && send.Policy.FrequencyCap is { } cap ? now.AddDays(-cap.PerDays) : (DateTimeOffset?)null;
        var ledgerNow = await history.ReadAsync(send.Customer, effect.IdempotencyKey, capWindow, cancellationToken).ConfigureAwait(false);
        var earlier = ledgerNow.Row;
        var resending = earlier is { Status: SendStatus.Unconfirmed } && sender.CanReconcile
            && RealTimeBetween(earlier.LastClaimedAt, now) >= delivery.Value.ReconciliationWindow;
        if (earlier is not null && !SendStateMachine.IsClaimable(earlier.Status) && !resending)
        {
            return await OutcomeOfEarlierAsync(earlier, cancellationToken).ConfigureAwait(false);
        }

        if (!effect.Transactional && await held.IsHeldAsync(send.JourneyId, cancellationToken).ConfigureAwait(false))
        {
            LogHeld(logger, effect.IdempotencyKey, send.JourneyId);
            return new Deferred(held.AskAgainAt(now), DeferReason.JourneyHeld);
        }

        var recipient = await recipients.GetAsync(send.Customer, effect.CouponCode, cancellationToken).ConfigureAwait(false);
        if (recipient?.Profile is not { Email: { } address } profile || !EmailAddress.IsPlausible(address))
        {
            return new Blocked(BlockReason.NoAddress);
        }

        var consent = ConsentLedger.Current(recipient.Consent);
        if (consent is null && !effect.Transactional && ConsentLedger.FromProfile(profile, now) is { } reported)
        {
            await consentLedger.AddAsync([reported], cancellationToken).ConfigureAwait(false);
            consent = ConsentLedger.Current([reported]);
            LogConsentFromProfile(logger, send.Customer.Value, reported.Change.ToString());
        }

        var verdict = CheckPolicy(send, recipient, consent, ledgerNow.RecentMarketingSends, now, resending ? earlier : null);
        if (verdict is not AllowSend)
        {
            return SendOutcome.From(verdict, now);
        }

        var unsubscribeUrl = unsubscribeTokens.LinkFor(send.Customer, effect.Transactional ? null : effect.SubscriptionGroup);
        RenderedEmail rendered;
        try
        {
            var survey = effect.Survey is { } question ? SurveyEmail.For(question, effect.IdempotencyKey, now, surveyTokens) : null;
            rendered = await emails.RenderAsync(recipient, effect.TemplateId, send.JourneyId, send.JourneyVersion, effect.CouponCode, unsubscribeUrl, now, cancellationToken, survey).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            LogTemplateBroken(logger, effect.TemplateId, send.JourneyId, LogText.WithoutAddresses(ex.Message));
            return new Blocked(BlockReason.TemplateBroken);
        }

        var message = composer.Compose(rendered, profile, send, unsubscribeUrl);
        var attempt = new SendRecord
        {
            Customer = send.Customer,
            IdempotencyKey = effect.IdempotencyKey,
            Status = SendStatus.Claimed,
            QueuedAt = now,
            ClaimedAt = now,
            JourneyId = send.JourneyId,
            JourneyVersion = send.JourneyVersion,
            EnrollmentId = send.EnrollmentId,
            NodeId = effect.NodeId,
            TemplateId = effect.TemplateId,
            Subject = rendered.Subject,
            Transactional = effect.Transactional,
        };
        SendTransition take = resending ? new SendTransition.Resend(attempt) : new SendTransition.Claim(attempt);
        var claim = await ledger.ApplyAsync(send.Customer, effect.IdempotencyKey, take, earlier, cancellationToken).ConfigureAwait(false);
        if (!claim.Written)
        {
            // Another attempt claimed it, or an event settled it, between our read and our claim.
            return await OutcomeOfEarlierAsync(claim.Record!, cancellationToken).ConfigureAwait(false);
        }

        if (resending)
        {
            LogResending(logger, effect.IdempotencyKey, send.EnrollmentId, delivery.Value.ReconciliationWindow.TotalMinutes);
        }

        EmailSendResult result;
        try
        {
            result = await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while the provider was being called: it may have the message.
            await SettleAsync(claim.Record!, new SendTransition.Unconfirm("the attempt was stopped while the provider was being called")).ConfigureAwait(false);
            throw;
        }

        var answeredAt = time.GetUtcNow();
        switch (result)
        {
            case EmailSendResult.Accepted accepted:
                return await OutcomeOfEarlierAsync(await SettleAsync(claim.Record!, new SendTransition.Accept(answeredAt, accepted.ProviderMessageId)).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            case EmailSendResult.Rejected rejected:
                LogRejected(logger, effect.IdempotencyKey, LogText.WithoutAddresses(rejected.Reason));
                return await OutcomeOfEarlierAsync(await SettleAsync(claim.Record!, new SendTransition.Reject(rejected.Reason)).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            case EmailSendResult.Unconfirmed unconfirmed:
                LogUnconfirmed(logger, effect.IdempotencyKey, send.EnrollmentId, LogText.WithoutAddresses(unconfirmed.Reason));
                return await OutcomeOfEarlierAsync(await SettleAsync(claim.Record!, new SendTransition.Unconfirm(unconfirmed.Reason)).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            case EmailSendResult.TryLater later:
                // Nothing was accepted: the row is deferred, and the run asks again after a back-off.
                return WaitForProvider(await SettleAsync(claim.Record!, new SendTransition.Defer(later.Reason)).ConfigureAwait(false), answeredAt, later.Reason);
            case EmailSendResult.Unreachable unreachable:
                return WaitForProvider(await SettleAsync(claim.Record!, new SendTransition.Release(unreachable.Reason)).ConfigureAwait(false), answeredAt, unreachable.Reason);
            default:
                throw new InvalidOperationException($"Unknown send result {result.GetType().Name}.");
        }
    }

    /// <summary>The policy at send time; a send tried again after it went unconfirmed does not count against its own cap.</summary>
    private SendVerdict CheckPolicy(JourneySend send, Recipient recipient, bool? consent, IReadOnlyList<DateTimeOffset> recentMarketingSends, DateTimeOffset now, SendRecord? resending)
    {
        var effect = send.Effect;
        var suppressed = recipient.Suppressions.Any(suppression => suppression.Blocks(effect.Transactional, effect.SubscriptionGroup));
        var recent = recentMarketingSends;
        if (resending is not null && recent.Contains(resending.SentAt ?? resending.QueuedAt))
        {
            var others = recent.ToList();
            others.Remove(resending.SentAt ?? resending.QueuedAt);
            recent = others;
        }

        var zone = SendPolicy.ZoneFor(recipient.Profile.TimeZone, shop.Value.TimeZone);
        return SendPolicy.Evaluate(send.Policy, zone, recent, suppressed, consent, effect.Transactional, now);
    }

    /// <summary>Records the provider's answer to our claim, whatever else changed the row meanwhile (the webhook may have confirmed it first).</summary>
    private async Task<SendRecord> SettleAsync(SendRecord claimed, SendTransition transition)
    {
        // Not cancellable: the provider has answered, and the ledger must say so.
        var settled = await ledger.ApplyAsync(claimed.Customer, claimed.IdempotencyKey, transition, claimed, CancellationToken.None).ConfigureAwait(false);
        return settled.Record ?? claimed;
    }

    /// <summary>What the ledger row says about a send that is not ours to send now.</summary>
    private async Task<SendOutcome> OutcomeOfEarlierAsync(SendRecord earlier, CancellationToken cancellationToken)
    {
        switch (earlier.Status)
        {
            case SendStatus.Accepted:
                return new Sent(earlier.SentAt ?? earlier.LastClaimedAt);
            case SendStatus.Rejected:
                return new Blocked(BlockReason.ProviderRejected);
            case SendStatus.Unconfirmed when sender.CanReconcile:
                // The provider's events will settle it; with none by the window's end, it is sent again.
                return new Deferred(RealTimeLater(earlier.LastClaimedAt, delivery.Value.ReconciliationWindow), DeferReason.AwaitingConfirmation);
            case SendStatus.Unconfirmed:
                return new Unconfirmed(earlier.LastClaimedAt, $"{earlier.FailureReason ?? "the provider's answer is not known"} (without the provider's event webhook it cannot be reconciled, so it is not sent again)");
            case SendStatus.Claimed when RealTimeBetween(earlier.LastClaimedAt, time.GetUtcNow()) < delivery.Value.InFlightAllowance:
                throw new EmailProviderUnavailableException("This e-mail is being sent by another attempt; its outcome is not known yet.");
            case SendStatus.Claimed:
                // The attempt that claimed it stopped (a crash) after the claim: the provider may have the message.
                var reason = $"claimed at {earlier.LastClaimedAt:O} by an attempt that never recorded the provider's answer";
                var judged = await ledger.ApplyAsync(earlier.Customer, earlier.IdempotencyKey, new SendTransition.Unconfirm(reason), earlier, cancellationToken).ConfigureAwait(false);
                if (judged.Written)
                {
                    LogUnconfirmed(logger, earlier.IdempotencyKey, earlier.EnrollmentId, LogText.WithoutAddresses(reason));
                }

                return judged.Record is { Status: not SendStatus.Claimed } now
                    ? await OutcomeOfEarlierAsync(now, cancellationToken).ConfigureAwait(false)
                    : throw new EmailProviderUnavailableException("The send's ledger row changed meanwhile; try again.");
            default:
                // Deferred or released meanwhile: the retried input claims it again.
                throw new EmailProviderUnavailableException($"The send is {earlier.Status.ToString().ToLowerInvariant()}; try again.");
        }
    }

    /// <summary>The provider refused for now: wait, doubling with each attempt, before the run asks again.</summary>
    private Deferred WaitForProvider(SendRecord row, DateTimeOffset now, string reason)
    {
        var options = delivery.Value;
        var wait = TimeSpan.FromTicks(Math.Min(options.ProviderRetryMax.Ticks, options.ProviderRetryFirst.Ticks * (1L << Math.Clamp(row.Attempts - 1, 0, 20))));
        LogProviderBusy(logger, row.IdempotencyKey, LogText.WithoutAddresses(reason), wait.TotalSeconds);
        return new Deferred(RealTimeLater(now, wait), DeferReason.ProviderBusy);
    }

    /// <summary>The journeys' time <paramref name="span"/> of real time after <paramref name="at"/> (the same under a real clock).</summary>
    private DateTimeOffset RealTimeLater(DateTimeOffset at, TimeSpan span) => clock.ToJourneyTime(clock.ToRealTime(at) + span);

    private TimeSpan RealTimeBetween(DateTimeOffset from, DateTimeOffset to) => clock.ToRealTime(to) - clock.ToRealTime(from);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Send {IdempotencyKey} of enrollment {EnrollmentId}: no provider event settled it within {Minutes} minutes of real time; sending it again under the same key")]
    private static partial void LogResending(ILogger logger, string idempotencyKey, string? enrollmentId, double minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Send {IdempotencyKey}: the provider refused it for now ({Reason}); asking again in {Seconds} s of real time")]
    private static partial void LogProviderBusy(ILogger logger, string idempotencyKey, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Send {IdempotencyKey} of enrollment {EnrollmentId} is unconfirmed ({Reason}): the provider may have it, so it is not sent again until the provider's events settle it")]
    private static partial void LogUnconfirmed(ILogger logger, string idempotencyKey, string? enrollmentId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Send {IdempotencyKey} is held: journey {JourneyId} is paused for deliverability")]
    private static partial void LogHeld(ILogger logger, string idempotencyKey, string journeyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The provider rejected send {IdempotencyKey}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string idempotencyKey, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {Customer} had no consent record: the consent their orders reported before the ledger existed is recorded ({Change})")]
    private static partial void LogConsentFromProfile(ILogger logger, string customer, string change);

    [LoggerMessage(Level = LogLevel.Error, Message = "Template {TemplateId} of journey {JourneyId} does not render: {Problem}")]
    private static partial void LogTemplateBroken(ILogger logger, string templateId, string journeyId, string problem);
}
