using System.Globalization;
using System.Text.Json;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Segments;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// Says in words why a condition does not hold for a customer, naming the part that fails and what the customer has
/// instead ("categories contains "tea" does not hold: bought coffee, accessories"), so a marketer sees the real reason a
/// customer was left out. Judged by <see cref="ConditionEvaluator"/>, never by a second copy of its rules.
/// </summary>
public static class ConditionExplanation
{
    /// <returns><c>null</c> when the condition holds.</returns>
    public static string? WhyNot(Condition condition, JourneyProfile profile, IReadOnlyList<JourneyFact> facts, string enrollmentId, DateTimeOffset enteredAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(profile);
        if (ConditionEvaluator.Evaluate(condition, profile, facts, enrollmentId, enteredAt, now))
        {
            return null;
        }

        return condition switch
        {
            AllCondition all => all.Conditions.Select(part => WhyNot(part, profile, facts, enrollmentId, enteredAt, now)).First(reason => reason is not null),
            AnyCondition any => $"none of {any.Conditions.Count} holds: {string.Join("; ", any.Conditions.Select(part => WhyNot(part, profile, facts, enrollmentId, enteredAt, now)))}",
            NotCondition not => $"not ({Describe(not.Condition)}) does not hold: {Describe(not.Condition)} holds",
            TraitCondition trait => $"{Describe(trait)} does not hold: {Actual(trait, profile, now)}",
            PerformedCondition performed => $"{Describe(performed)} does not hold",
            MessageCondition message => $"{Describe(message)} does not hold: no such event in this enrollment",
            SegmentCondition segment => $"in segment {Name(profile.Segment)}, not in {string.Join(", ", segment.Segments.Select(Name))}",
            RandomBucketCondition bucket => string.Create(CultureInfo.InvariantCulture, $"random bucket {JourneyHash.Bucket(enrollmentId, bucket.Salt, 100)} is not below {bucket.Below}"),
            _ => "the condition does not hold",
        };
    }

    /// <summary>A segment as the journey file writes it (<c>atRisk</c>).</summary>
    public static string Name(RfmSegment segment) => JsonNamingPolicy.CamelCase.ConvertName(segment.ToString());

    private static string Describe(Condition condition) => condition switch
    {
        AllCondition all => $"all of {all.Conditions.Count}",
        AnyCondition any => $"any of {any.Conditions.Count}",
        NotCondition not => $"not ({Describe(not.Condition)})",
        TraitCondition trait => Describe(trait),
        PerformedCondition performed => Describe(performed),
        MessageCondition message => Describe(message),
        SegmentCondition segment => $"inSegment {string.Join(", ", segment.Segments.Select(Name))}",
        RandomBucketCondition bucket => string.Create(CultureInfo.InvariantCulture, $"randomBucket below {bucket.Below}"),
        _ => "the condition",
    };

    private static string Describe(TraitCondition trait)
    {
        var name = trait.Trait == ProfileTrait.Attribute ? $"attribute \"{trait.Attribute}\"" : JsonNamingPolicy.CamelCase.ConvertName(trait.Trait.ToString());
        var value = trait.Number is { } number ? number.ToString(CultureInfo.InvariantCulture)
            : trait.Flag is { } flag ? (flag ? "true" : "false")
            : $"\"{trait.Text}\"";
        return $"{name} {JsonNamingPolicy.CamelCase.ConvertName(trait.Operator.ToString())} {value}";
    }

    private static string Describe(PerformedCondition performed) =>
        string.Create(CultureInfo.InvariantCulture, $"{JourneyDecider.Words(performed.Event)} at least {performed.MinCount} time{(performed.MinCount == 1 ? string.Empty : "s")} {(performed.WithinDays is { } days ? $"in the last {days} days" : "since entry")}");

    private static string Describe(MessageCondition message) => $"{JourneyDecider.Words(message.Event)} on {message.Template}";

    private static string Actual(TraitCondition trait, JourneyProfile profile, DateTimeOffset now) => trait.Trait switch
    {
        ProfileTrait.Categories => profile.Categories.Count == 0 ? "has bought nothing with a category" : $"bought {string.Join(", ", profile.Categories)}",
        ProfileTrait.Tags => profile.Tags.Count == 0 ? "has no tags" : $"tagged {string.Join(", ", profile.Tags)}",
        ProfileTrait.CountryCode => $"country {profile.CountryCode ?? "unknown"}",
        ProfileTrait.Locale => $"locale {profile.Locale ?? "unknown"}",
        ProfileTrait.Attribute => trait.Attribute is not null && profile.Attributes.TryGetValue(trait.Attribute, out var value) ? $"it is \"{value}\"" : "the customer has no such attribute",
        ProfileTrait.OrderCount => string.Create(CultureInfo.InvariantCulture, $"{profile.OrderCount} order{(profile.OrderCount == 1 ? string.Empty : "s")}"),
        ProfileTrait.Revenue => string.Create(CultureInfo.InvariantCulture, $"revenue {profile.Revenue:0.##}"),
        ProfileTrait.AverageDaysBetweenOrders => profile.AverageDaysBetweenOrders is { } usual ? string.Create(CultureInfo.InvariantCulture, $"{usual:0.#} days between orders") : "no usual interval (fewer than two orders)",
        ProfileTrait.DaysSinceLastOrder => profile.LastOrderAt is { } last ? string.Create(CultureInfo.InvariantCulture, $"{(int)(now - last).TotalDays} days since the last order") : "has never ordered",
        ProfileTrait.DaysSinceFirstOrder => profile.FirstOrderAt is { } first ? string.Create(CultureInfo.InvariantCulture, $"{(int)(now - first).TotalDays} days since the first order") : "has never ordered",
        _ => "the customer's value differs",
    };
}
