using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// The enrollment's state after an input, the effects still to carry out (those after the last send), and how many
/// fed-back inputs the loop's guard left unprocessed (a bug if not 0).
/// </summary>
public sealed record InterpretedInput(EnrollmentState State, IReadOnlyList<EnrollmentEffect> Effects, int Unprocessed);
