using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Shop;
using NodaTime;

namespace EcCrm.Core.Journeys.Sending;

/// <summary>
/// The last check before an e-mail leaves: suppression, consent, the frequency cap across journeys and quiet hours in
/// the customer's time zone. Quiet hours and the cap defer to the next allowed moment, never drop. Transactional e-mail
/// skips consent, cap and quiet hours, but never suppression. A deferred send is tried again in the order of its journey's
/// priority (<see cref="Stagger"/>). Pure: the runtime passes in what it knows and the time.
/// </summary>
public static class SendPolicy
{
    /// <param name="policy">The journey's send policy.</param>
    /// <param name="timeZone">The customer's IANA zone, or the shop's when the customer's is unknown (see <see cref="ZoneFor"/>).</param>
    /// <param name="recentMarketingSends">When this customer was sent marketing (non-transactional) e-mail, by any journey; older entries are ignored.</param>
    /// <param name="suppressed">The address is on the suppression list.</param>
    /// <param name="consent">The customer's marketing consent as the consent ledger records it (<see cref="Consent.ConsentLedger.Current"/>): <c>false</c> after an opt-out, <c>null</c> when no opt-in is recorded.</param>
    /// <param name="transactional">The e-mail is transactional (an order or account message), not marketing.</param>
    /// <param name="now">The moment of the check.</param>
    public static SendVerdict Evaluate(
        SendRules policy,
        string timeZone,
        IReadOnlyCollection<DateTimeOffset> recentMarketingSends,
        bool suppressed,
        bool? consent,
        bool transactional,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(recentMarketingSends);
        if (suppressed)
        {
            return new BlockSend(BlockReason.Suppressed);
        }

        if (transactional)
        {
            return AllowSend.Instance;
        }

        if (consent is null)
        {
            return new BlockSend(BlockReason.NoRecordedOptIn);
        }

        if (consent == false)
        {
            return new BlockSend(BlockReason.NoConsent);
        }

        var at = now;
        var reason = DeferReason.FrequencyCap;
        if (policy.FrequencyCap is { } cap && CapFreesAt(cap, recentMarketingSends, now) is { } freed)
        {
            at = freed;
        }

        // Waiting for the cap only lets older sends fall out of its window, so the cap cannot bite again after quiet hours.
        if (policy.QuietHours is { } quiet && QuietUntil(quiet, TimeZones.Get(timeZone), at) is { } morning)
        {
            reason = at == now ? DeferReason.QuietHours : reason;
            at = morning;
        }

        return at == now ? AllowSend.Instance : new DeferSend(at + Stagger(policy.Priority), reason);
    }

    /// <summary>The time between two priorities' tries of sends held back to the same moment.</summary>
    public static readonly TimeSpan PriorityStep = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after the moment a deferred send may go it is tried: none for priority 1 (the default), 30 seconds for 2, a
    /// minute for 3 … Sends of several journeys held back to the same moment are thus tried in priority order, in every host
    /// and in the simulator alike, and the cap's last free slot goes to the one that matters most.
    /// </summary>
    public static TimeSpan Stagger(int priority) => PriorityStep * Math.Clamp(priority - SendRules.FirstPriority, 0, SendRules.LastPriority - SendRules.FirstPriority);

    /// <summary>The customer's zone when it is a known IANA zone, else the shop's.</summary>
    public static string ZoneFor(string? customerTimeZone, string shopTimeZone) =>
        TimeZones.IsKnown(customerTimeZone) ? customerTimeZone! : shopTimeZone;

    /// <summary>The end of the quiet hours <paramref name="at"/> falls in, or <c>null</c> when it falls outside them.</summary>
    public static DateTimeOffset? QuietUntil(QuietHours quiet, DateTimeZone zone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(quiet);
        ArgumentNullException.ThrowIfNull(zone);
        var local = Instant.FromDateTimeOffset(at).InZone(zone).LocalDateTime;
        var time = TimeOnly.FromTimeSpan(TimeSpan.FromTicks(local.TimeOfDay.TickOfDay));
        if (!quiet.Contains(time))
        {
            return null;
        }

        var endDate = quiet.From > quiet.To && time >= quiet.From ? local.Date.PlusDays(1) : local.Date;
        var end = endDate.At(LocalTime.FromHourMinuteSecondTick(quiet.To.Hour, quiet.To.Minute, 0, 0)).InZoneLeniently(zone).ToDateTimeOffset();
        return end > at ? end : null;
    }

    private static DateTimeOffset? CapFreesAt(FrequencyCap cap, IReadOnlyCollection<DateTimeOffset> sends, DateTimeOffset now)
    {
        var window = TimeSpan.FromDays(cap.PerDays);
        var inWindow = sends.Where(sent => sent <= now && sent > now - window).Order().ToList();
        if (inWindow.Count < cap.MaxSends)
        {
            return null;
        }

        // With max 0 nothing could ever be sent; the validator refuses such a cap, and here it simply waits a full window.
        return cap.MaxSends == 0 ? now + window : inWindow[inWindow.Count - cap.MaxSends] + window;
    }
}
