namespace EcCrm.Orchestration.Journeys;

/// <summary>
/// An input arrived for a run that has not started yet (its <c>Started</c> is still on its way). The queue redelivers
/// it; if the run never starts, the message goes to the poison queue with this reason.
/// </summary>
public sealed class JourneyRunNotStartedException : Exception
{
    public JourneyRunNotStartedException()
    {
    }

    public JourneyRunNotStartedException(string message)
        : base(message)
    {
    }

    public JourneyRunNotStartedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
