using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// What journey actions do to a profile: tags and attributes, written with optimistic concurrency. The customer's running
/// enrollments hear of a change (<see cref="ProfileChanges"/>), so another journey's conditions on tags and attributes see it.
/// </summary>
public sealed class ProfileActions(IProfileStore profiles, ProfileChanges changes, TimeProvider time)
{
    public const int MaxTags = 50;

    public Task TagAsync(CustomerKey customer, string tag, CancellationToken cancellationToken) =>
        UpdateAsync(customer, profile => profile.Tags.Contains(tag, StringComparer.Ordinal)
            ? profile
            : profile with { Tags = [.. profile.Tags.TakeLast(MaxTags - 1), tag], UpdatedAt = time.GetUtcNow() }, cancellationToken);

    public Task SetAttributeAsync(CustomerKey customer, string attribute, string value, CancellationToken cancellationToken) =>
        UpdateAsync(customer, profile => profile.Attributes.TryGetValue(attribute, out var current) && current == value
            ? profile
            : profile with { Attributes = new Dictionary<string, string>(profile.Attributes) { [attribute] = value }, UpdatedAt = time.GetUtcNow() }, cancellationToken);

    private async Task UpdateAsync(CustomerKey customer, Func<CustomerProfile, CustomerProfile> change, CancellationToken cancellationToken)
    {
        var (before, after) = await profiles.UpdateAsync(customer, (profile, _) => Task.FromResult(change(profile)), cancellationToken).ConfigureAwait(false);
        await changes.AfterUpdateAsync(before, after, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }
}
