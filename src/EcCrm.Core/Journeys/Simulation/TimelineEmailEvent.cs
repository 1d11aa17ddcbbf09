using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>
/// How the customer reacts to an e-mail: <see cref="Kind"/> happens <see cref="After"/> each send of <see cref="Template"/>,
/// or at <see cref="At"/> to the latest e-mail sent by then (of <see cref="Template"/>, or of any template when none is named).
/// </summary>
public sealed record TimelineEmailEvent(EmailEventKind Kind, string? Template, JourneyDuration? After, DateTimeOffset? At);
