using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>What journey actions do to a profile: tags and attributes, written with optimistic concurrency.</summary>
public sealed class ProfileActions(IProfileStore profiles, TimeProvider time)
{
    public const int MaxTags = 50;

    public Task TagAsync(CustomerKey customer, string tag, CancellationToken cancellationToken) =>
        profiles.UpdateAsync(customer, (profile, _) => Task.FromResult(profile.Tags.Contains(tag, StringComparer.Ordinal)
            ? profile
            : profile with { Tags = [.. profile.Tags.TakeLast(MaxTags - 1), tag], UpdatedAt = time.GetUtcNow() }), cancellationToken);

    public Task SetAttributeAsync(CustomerKey customer, string attribute, string value, CancellationToken cancellationToken) =>
        profiles.UpdateAsync(customer, (profile, _) => Task.FromResult(profile.Attributes.TryGetValue(attribute, out var current) && current == value
            ? profile
            : profile with { Attributes = new Dictionary<string, string>(profile.Attributes) { [attribute] = value }, UpdatedAt = time.GetUtcNow() }), cancellationToken);
}
