namespace EcCrm.Infrastructure.Journeys;

/// <summary>A stretch of journey time that passes at its own speed (<c>TimeScale__Stretches__0__From</c>, <c>__To</c>, <c>__Factor</c>).</summary>
public sealed class TimeScaleStretch
{
    public DateTimeOffset From { get; set; }

    public DateTimeOffset To { get; set; }

    public double Factor { get; set; } = 1;
}
