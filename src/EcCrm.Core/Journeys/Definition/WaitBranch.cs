namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// One event a <see cref="WaitForNode"/> waits for. E-mail events name the template of the e-mail they belong to
/// and count from that e-mail's send (an open that arrived before the wait began still counts); orders count from
/// the moment the wait begins.
/// </summary>
public sealed record WaitBranch(JourneyEventType Event, string? Template, string? Next);
