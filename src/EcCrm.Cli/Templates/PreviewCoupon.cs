using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Validation;

namespace EcCrm.Cli.Templates;

/// <summary>
/// The coupon a preview shows when the template uses one: a preview has no journey run to create it, so it takes the
/// terms of the createCoupon action before the node that sends the template in the journey files (or 10% for 14 days
/// when no journey creates one), with the code given or <c>{prefix}-SAMPLE</c>.
/// </summary>
internal static class PreviewCoupon
{
    public const string SampleSuffix = "SAMPLE";

    private static readonly CreateCouponAction NoJourney = new(10m, null, 14, "PREVIEW");

    /// <summary>The sample coupon and a sentence saying where its terms come from.</summary>
    public static (CreateCoupon Coupon, string Source) Sample(string templateId, string? code, string journeysFolder, DateTimeOffset now)
    {
        var (action, source) = FromJourneys(templateId, journeysFolder) ?? (NoJourney, "no journey file creates a coupon before this template");
        var coupon = new CreateCoupon($"preview:{templateId}", code ?? $"{action.Prefix}-{SampleSuffix}", action.PercentOff, action.AmountOff, now.AddDays(action.ValidDays));
        return (coupon, source);
    }

    private static (CreateCouponAction Action, string Source)? FromJourneys(string templateId, string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        foreach (var file in Directory.GetFiles(folder, "*.journey.json").Order(StringComparer.Ordinal))
        {
            if (JourneyParser.Parse(File.ReadAllText(file)).Definition is not { } journey)
            {
                continue;
            }

            foreach (var send in journey.Nodes.OfType<SendNode>().Where(send => send.Template == templateId))
            {
                if (CouponCheck.CouponBefore(journey, send.Id) is var (node, action))
                {
                    return (action, $"the terms of node \"{node.Id}\" of {journey.Id}, which creates it before \"{send.Id}\"");
                }
            }
        }

        return null;
    }
}
