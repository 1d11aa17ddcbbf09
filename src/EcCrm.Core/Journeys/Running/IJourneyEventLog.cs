namespace EcCrm.Core.Journeys.Running;

/// <summary>Journey events for analytics. Recording the same key twice keeps the first.</summary>
public interface IJourneyEventLog
{
    Task RecordAsync(JourneyEventRecord journeyEvent, CancellationToken cancellationToken);

    IAsyncEnumerable<JourneyEventRecord> ListAsync(string journeyId, CancellationToken cancellationToken);
}
