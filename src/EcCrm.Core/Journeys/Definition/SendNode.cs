namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// Sends the e-mail <see cref="Template"/> (a file stem under <c>journeys/templates/</c>) in a subscription group.
/// Transactional e-mail skips quiet hours and the frequency cap, never suppression.
/// </summary>
public sealed record SendNode(string Id, string Template, string SubscriptionGroup, bool Transactional, string? Next) : JourneyNode(Id)
{
    public override IEnumerable<string?> Successors => [Next];
}
