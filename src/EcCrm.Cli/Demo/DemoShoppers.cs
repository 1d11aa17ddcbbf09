using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;

namespace EcCrm.Cli.Demo;

/// <summary>
/// What the demo shop's customers do once a journey has them: they open and click some e-mails, and some come back
/// and order — more often after the shop wrote to them. A customer never learns whether a journey held them out: the
/// only difference is the e-mail they receive. Every choice is derived from the customer or the e-mail, so a replay of
/// the demo looks the same.
/// </summary>
public static class DemoShoppers
{
    /// <summary>Share of customers who order again within three weeks of receiving the shop's e-mail.</summary>
    public const double ComebackAfterEmail = 0.30;

    /// <summary>Share of customers who come back on their own within three weeks of entering, e-mail or not.</summary>
    public const double ComebackOnTheirOwn = 0.12;

    public const double Delivered = 0.97;

    /// <summary>Share of delivered e-mails that are opened, and of opened ones that are clicked.</summary>
    public const double Opened = 0.5;

    public const double Clicked = 0.4;

    /// <summary>
    /// When the customer orders again after entering a journey, or <c>null</c> if they do not. One roll decides: below
    /// <see cref="ComebackOnTheirOwn"/> they come back whatever happens; below <see cref="ComebackAfterEmail"/> only once
    /// an e-mail has reached them (<paramref name="emailedAt"/>), the held-out customers' case never. The moment is
    /// <see cref="Paced"/> by the demo's <paramref name="clock"/> when one is given.
    /// </summary>
    public static DateTimeOffset? ComebackAt(CustomerKey customer, DateTimeOffset enteredAt, DateTimeOffset? emailedAt, JourneyClock? clock = null)
    {
        var random = RandomFor("comeback:" + customer.Value);
        var roll = random.NextDouble();
        var after = TimeSpan.FromDays(2 + (random.NextDouble() * 19));
        var from = roll < ComebackOnTheirOwn ? enteredAt
            : roll < ComebackAfterEmail && emailedAt is { } mailed ? mailed
            : (DateTimeOffset?)null;
        return from is { } start ? Paced(clock, start, start + after) : null;
    }

    /// <summary>
    /// What the provider reports about one e-mail: delivery, and maybe an open and a click, with their moments (<see cref="Paced"/>
    /// by the demo's <paramref name="clock"/> when one is given).
    /// </summary>
    public static IReadOnlyList<(string Event, DateTimeOffset At)> Engagement(string idempotencyKey, DateTimeOffset sentAt, JourneyClock? clock = null) =>
        [.. Planned(idempotencyKey, sentAt).Select(item => (item.Event, Paced(clock, sentAt, item.At)))];

    /// <summary>
    /// The moment something planned for <paramref name="planned"/> (a time since <paramref name="from"/>) happens on the
    /// demo's clock. During the replay that is the planned moment itself. Once the clock has caught up with real time,
    /// the customers keep the replay's pace (the planned time left is divided by the clock's factor), so what they still
    /// have to do after the replay — for the e-mails and entries that come late, and the comebacks still ahead — happens
    /// within seconds and not over real days.
    /// </summary>
    public static DateTimeOffset Paced(JourneyClock? clock, DateTimeOffset from, DateTimeOffset planned)
    {
        if (clock?.CaughtUpAt is not { } caughtUp || planned <= caughtUp)
        {
            return planned;
        }

        var start = from > caughtUp ? from : caughtUp;
        return planned <= start ? planned : start + ((planned - start) / clock.Factor);
    }

    private static List<(string Event, DateTimeOffset At)> Planned(string idempotencyKey, DateTimeOffset sentAt)
    {
        var random = RandomFor("mail:" + idempotencyKey);
        if (random.NextDouble() >= Delivered)
        {
            return [("bounce", sentAt.AddMinutes(1))];
        }

        var events = new List<(string, DateTimeOffset)> { ("delivered", sentAt.AddMinutes(1 + (random.NextDouble() * 4))) };
        if (random.NextDouble() < Opened)
        {
            var openedAt = sentAt.AddHours(0.5 + (random.NextDouble() * 36));
            events.Add(("open", openedAt));
            if (random.NextDouble() < Clicked)
            {
                events.Add(("click", openedAt.AddMinutes(1 + (random.NextDouble() * 30))));
            }
        }

        return events;
    }

    private static Random RandomFor(string what) =>
        new(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(what)), 0));
}
