using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// Produces <see cref="ProfileChanged"/> for running enrollments, which the <c>leftSegment</c> exit and conditions on
/// segments, tags and attributes need: after an order or an order's update moves the customer to another segment, after a
/// journey tags the customer or sets an attribute, and (from the daily sweep) when time alone moved them on.
/// </summary>
public sealed class ProfileChanges(IEnrollmentInbox inbox, IOptions<ShopOptions> shop)
{
    /// <summary>Whether an enrollment that knows <paramref name="known"/> has to hear of <paramref name="current"/>.</summary>
    public static bool Moved(JourneyProfile? known, JourneyProfile current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return known is null
            || known.Segment != current.Segment
            || !known.Tags.SequenceEqual(current.Tags, StringComparer.Ordinal)
            || known.Attributes.Count != current.Attributes.Count
            || known.Attributes.Any(pair => !current.Attributes.TryGetValue(pair.Key, out var value) || value != pair.Value);
    }

    /// <summary>The profile as a running enrollment keeps it, segmented as of <paramref name="now"/>.</summary>
    public JourneyProfile Current(CustomerProfile profile, DateTimeOffset now) =>
        JourneyProfile.From(RfmSegmentation.AsOf(profile, now), shop.Value.TimeZone);

    /// <summary>
    /// After the profile was written (<paramref name="before"/> → <paramref name="after"/>): every running enrollment of the
    /// customer hears of it when the segment, tags or attributes changed.
    /// </summary>
    /// <returns>How many enrollments it was delivered to.</returns>
    public async Task<int> AfterUpdateAsync(CustomerProfile? before, CustomerProfile after, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(after);
        var current = Current(after, now);
        if (before is null || !Moved(Current(before, now), current))
        {
            return 0;
        }

        return await inbox.DeliverToActiveAsync(after.Key, new ProfileChanged(current), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells one running enrollment of the customer's profile as of <paramref name="now"/> if it knows another.</summary>
    /// <returns>Whether it was told.</returns>
    public async Task<bool> TellAsync(EnrollmentRecord enrollment, CustomerProfile profile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        var current = Current(profile, now);
        if (enrollment.HasEnded || enrollment.State.Status == EnrollmentStatus.New || !Moved(enrollment.State.Profile, current))
        {
            return false;
        }

        await inbox.DeliverAsync(enrollment.EnrollmentId, new ProfileChanged(current), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
