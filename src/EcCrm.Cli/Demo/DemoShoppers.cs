using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Cli.Demo;

/// <summary>
/// What the demo shop's customers do once a journey has them: they open and click some e-mails, and some come back
/// and order — more often after EcCrm wrote to them than when held out. Every choice is derived from the customer or
/// the e-mail, so a replay of the demo looks the same.
/// </summary>
public static class DemoShoppers
{
    /// <summary>Share of e-mailed (treatment) customers who order again within three weeks of entering.</summary>
    public const double ComebackAfterEmail = 0.30;

    /// <summary>Share of held-out customers who come back on their own in the same time.</summary>
    public const double ComebackOnTheirOwn = 0.12;

    public const double Delivered = 0.97;

    /// <summary>Share of delivered e-mails that are opened, and of opened ones that are clicked.</summary>
    public const double Opened = 0.5;

    public const double Clicked = 0.4;

    /// <summary>When the customer orders again after entering a journey, or <c>null</c> if they do not.</summary>
    public static DateTimeOffset? ComebackAt(CustomerKey customer, EnrollmentGroup group, DateTimeOffset enteredAt)
    {
        var random = RandomFor("comeback:" + customer.Value);
        var chance = group == EnrollmentGroup.Holdout ? ComebackOnTheirOwn : ComebackAfterEmail;
        return random.NextDouble() < chance ? enteredAt.AddDays(2 + (random.NextDouble() * 19)) : null;
    }

    /// <summary>What the provider reports about one e-mail: delivery, and maybe an open and a click, with their moments.</summary>
    public static IReadOnlyList<(string Event, DateTimeOffset At)> Engagement(string idempotencyKey, DateTimeOffset sentAt)
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
