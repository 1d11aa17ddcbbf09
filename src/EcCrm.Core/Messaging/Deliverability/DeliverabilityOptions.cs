namespace EcCrm.Core.Messaging.Deliverability;

/// <summary>
/// The deliverability guard: a journey whose recent sends draw too many spam complaints or bounces is paused. Gmail and
/// Yahoo require bulk senders to stay below 0.3% complaints and recommend 0.1%.
/// </summary>
public sealed class DeliverabilityOptions
{
    public const string SectionName = "Deliverability";

    /// <summary>Off, the guard still counts but never pauses.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How far back a journey's sends count: its recent sends.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Complaints per send above which the journey is paused (0.001 = 0.1%).</summary>
    public double MaxComplaintRate { get; set; } = 0.001;

    /// <summary>Sends in the window before the complaint rate is judged (one complaint in 20 sends says little).</summary>
    public int MinSendsForComplaints { get; set; } = 1_000;

    /// <summary>Bounces per send above which the journey is paused (0.05 = 5%).</summary>
    public double MaxBounceRate { get; set; } = 0.05;

    /// <summary>Sends in the window before the bounce rate is judged.</summary>
    public int MinSendsForBounces { get; set; } = 100;

    /// <summary>
    /// How often the held e-mail of a journey the guard paused asks again (real time), and how long a host trusts what it
    /// read about which journeys are held: a resume reaches held e-mail within this time.
    /// </summary>
    public TimeSpan HoldRecheck { get; set; } = TimeSpan.FromMinutes(5);
}
