namespace EcCrm.Core.Journeys.Running;

/// <summary>A stretch of journey time, <see cref="From"/> to <see cref="To"/>, that passes <see cref="Factor"/> times faster than real time.</summary>
public sealed record ClockStretch(DateTimeOffset From, DateTimeOffset To, double Factor);
