using System.Globalization;
using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>Answers a <see cref="Condition"/> from the facts in hand; never reads anything else.</summary>
public static class ConditionEvaluator
{
    public static bool Evaluate(Condition condition, JourneyProfile profile, IReadOnlyList<JourneyFact> facts, string enrollmentId, DateTimeOffset enteredAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(facts);
        return condition switch
        {
            AllCondition all => all.Conditions.All(part => Evaluate(part, profile, facts, enrollmentId, enteredAt, now)),
            AnyCondition any => any.Conditions.Any(part => Evaluate(part, profile, facts, enrollmentId, enteredAt, now)),
            NotCondition not => !Evaluate(not.Condition, profile, facts, enrollmentId, enteredAt, now),
            TraitCondition trait => Trait(trait, profile, now),
            PerformedCondition performed => Performed(performed, profile, facts, enteredAt, now),
            MessageCondition message => facts.Any(fact => fact.Type == FactType(message.Event) && string.Equals(fact.Template, message.Template, StringComparison.Ordinal)),
            SegmentCondition segment => segment.Segments.Contains(profile.Segment),
            SurveyCondition survey => Survey(survey, facts),
            RandomBucketCondition bucket => JourneyHash.Bucket(enrollmentId, bucket.Salt, 100) < bucket.Below,
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown condition."),
        };
    }

    internal static JourneyFactType FactType(JourneyEventType type) => type switch
    {
        JourneyEventType.OrderPlaced => JourneyFactType.Order,
        JourneyEventType.EmailDelivered => JourneyFactType.Delivered,
        JourneyEventType.EmailOpened => JourneyFactType.Opened,
        JourneyEventType.ProductViewed => JourneyFactType.ProductViewed,
        JourneyEventType.AddedToCart => JourneyFactType.AddedToCart,
        JourneyEventType.CheckoutStarted => JourneyFactType.CheckoutStarted,
        JourneyEventType.Searched => JourneyFactType.Searched,
        JourneyEventType.SurveyAnswered => JourneyFactType.SurveyAnswered,
        _ => JourneyFactType.Clicked,
    };

    private static bool Performed(PerformedCondition performed, JourneyProfile profile, IReadOnlyList<JourneyFact> facts, DateTimeOffset enteredAt, DateTimeOffset now)
    {
        var since = performed.WithinDays is { } days ? now.AddDays(-days) : enteredAt;
        var type = FactType(performed.Event);
        var count = facts.Count(fact => fact.Type == type && fact.At >= since && fact.At <= now);
        if (count == 0 && type == JourneyFactType.Order && performed.WithinDays is not null && profile.LastOrderAt is { } last && last >= since && last <= now)
        {
            // Orders before entry are known only by the profile's last order date.
            count = 1;
        }

        return count >= performed.MinCount;
    }

    /// <summary>The latest answer to the survey step (the fact of its latest e-mail), in the group or among the choices asked about.</summary>
    private static bool Survey(SurveyCondition survey, IReadOnlyList<JourneyFact> facts)
    {
        var answer = facts.LastOrDefault(fact => fact.Type == JourneyFactType.SurveyAnswered && string.Equals(fact.Template, survey.Survey, StringComparison.Ordinal))?.Value;
        return answer is not null && survey switch
        {
            { Nps: { } group } => NpsGroups.Score(answer) is { } score && NpsGroups.Of(score) == group,
            { Choices.Count: > 0 } => survey.Choices.Contains(answer, StringComparer.Ordinal),
            _ => true,
        };
    }

    private static bool Trait(TraitCondition trait, JourneyProfile profile, DateTimeOffset now)
    {
        switch (trait.Trait)
        {
            case ProfileTrait.Tags:
                return Contains(profile.Tags, trait);
            case ProfileTrait.Categories:
                return Contains(profile.Categories, trait);
            case ProfileTrait.CountryCode:
                return Text(profile.CountryCode, trait);
            case ProfileTrait.Locale:
                return Text(profile.Locale, trait);
            case ProfileTrait.Attribute:
                var value = trait.Attribute is not null && profile.Attributes.TryGetValue(trait.Attribute, out var found) ? found : null;
                if (trait.Number is not null)
                {
                    return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && Compare(number, trait);
                }

                return trait.Flag is { } flag ? Text(value, trait with { Text = flag ? "true" : "false" }) : Text(value, trait);
            default:
                decimal? actual = trait.Trait switch
                {
                    ProfileTrait.OrderCount => profile.OrderCount,
                    ProfileTrait.Revenue => profile.Revenue,
                    ProfileTrait.AverageDaysBetweenOrders => (decimal?)profile.AverageDaysBetweenOrders,
                    ProfileTrait.DaysSinceLastOrder => profile.LastOrderAt is { } last ? (int)(now - last).TotalDays : null,
                    ProfileTrait.DaysSinceFirstOrder => profile.FirstOrderAt is { } first ? (int)(now - first).TotalDays : null,
                    _ => null,
                };
                return actual is { } known && Compare(known, trait);
        }
    }

    private static bool Compare(decimal actual, TraitCondition trait) => trait.Number is { } expected && trait.Operator switch
    {
        CompareOperator.Eq => actual == expected,
        CompareOperator.Ne => actual != expected,
        CompareOperator.Gt => actual > expected,
        CompareOperator.Gte => actual >= expected,
        CompareOperator.Lt => actual < expected,
        CompareOperator.Lte => actual <= expected,
        _ => false,
    };

    private static bool Text(string? actual, TraitCondition trait)
    {
        var equal = string.Equals(actual, trait.Text, StringComparison.OrdinalIgnoreCase);
        return trait.Operator switch
        {
            CompareOperator.Eq => equal,
            CompareOperator.Ne => !equal,
            _ => actual is not null && trait.Text is not null && string.CompareOrdinal(actual, trait.Text) is var order && trait.Operator switch
            {
                CompareOperator.Gt => order > 0,
                CompareOperator.Gte => order >= 0,
                CompareOperator.Lt => order < 0,
                _ => order <= 0,
            },
        };
    }

    private static bool Contains(IReadOnlyList<string> values, TraitCondition trait)
    {
        var contains = values.Contains(trait.Text ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        return trait.Operator == CompareOperator.Contains ? contains : !contains;
    }
}
