namespace EcCrm.Core.Journeys.Decider;

/// <summary>A fact for analytics (entered, sent, branch taken, converted, exited …). <see cref="Key"/> is deterministic, so a replay writes the same row.</summary>
public sealed record RecordJourneyEvent(string Key, JourneyEventKind Kind, string? NodeId, string? Detail) : JourneyEffect
{
    /// <summary>On an entry, what the event entered on was worth (<see cref="Started.EntryValue"/>).</summary>
    public decimal? Value { get; init; }
}
