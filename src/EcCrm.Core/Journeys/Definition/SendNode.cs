namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// Sends the e-mail <see cref="Template"/> (a template id under <c>journeys/templates/</c>: <c>winback-1</c> for
/// <c>winback-1.ja.liquid</c> and <c>winback-1.en.liquid</c>) in a subscription group.
/// Transactional e-mail skips quiet hours and the frequency cap, never suppression.
/// A <c>survey</c> step is a send with a <see cref="Survey"/> question: its e-mail carries one signed answer link per answer.
/// </summary>
public sealed record SendNode(string Id, string Template, string SubscriptionGroup, bool Transactional, string? Next, SurveyQuestion? Survey = null) : JourneyNode(Id)
{
    public override IEnumerable<string?> Successors => [Next];
}
