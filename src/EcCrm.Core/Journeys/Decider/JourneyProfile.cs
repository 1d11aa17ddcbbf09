using System.Text.Json.Serialization;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>The few profile facts a journey decides on, kept in the enrollment state so the decider never reads a store.</summary>
public sealed record JourneyProfile
{
    public const int MaxCategories = 10;

    /// <summary>The customer's IANA zone, or the shop's when the customer's is unknown.</summary>
    public required string TimeZone { get; init; }

    public int OrderCount { get; init; }

    public decimal Revenue { get; init; }

    public DateTimeOffset? FirstOrderAt { get; init; }

    public DateTimeOffset? LastOrderAt { get; init; }

    public double? AverageDaysBetweenOrders { get; init; }

    public RfmSegment Segment { get; init; }

    public string? CountryCode { get; init; }

    public string? Locale { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    [JsonIgnore]
    public DateTimeOffset? PredictedNextOrderAt =>
        LastOrderAt is { } last && AverageDaysBetweenOrders is { } days ? last.AddDays(days) : null;

    public static JourneyProfile From(CustomerProfile profile, string shopTimeZone)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new JourneyProfile
        {
            TimeZone = SendPolicy.ZoneFor(profile.TimeZone, shopTimeZone),
            OrderCount = profile.OrderCount,
            Revenue = profile.Revenue,
            FirstOrderAt = profile.FirstOrderAt,
            LastOrderAt = profile.LastOrderAt,
            AverageDaysBetweenOrders = profile.AverageDaysBetweenOrders,
            Segment = profile.Segment,
            CountryCode = profile.CountryCode,
            Locale = profile.Locale,
            Tags = profile.Tags,
            Categories = [.. profile.Categories.Take(MaxCategories)],
            Attributes = profile.Attributes,
        };
    }
}
