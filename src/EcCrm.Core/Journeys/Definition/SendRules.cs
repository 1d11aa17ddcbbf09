namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// How sends are paced: quiet hours in the customer's time zone and a cap across journeys, both of which defer and never
/// drop, and the journey's <see cref="Priority"/> among the e-mails they hold back to the same moment.
/// </summary>
public sealed record SendRules(QuietHours? QuietHours, FrequencyCap? FrequencyCap)
{
    /// <summary>The priority a journey has when it names none: the first.</summary>
    public const int FirstPriority = 1;

    /// <summary>The last priority a journey can name.</summary>
    public const int LastPriority = 9;

    public static SendRules None { get; } = new(null, null);

    /// <summary>
    /// 1 (the default) to 9: when quiet hours or the frequency cap hold back several journeys' e-mails for one customer to
    /// the same moment (the end of the night, a slot of the cap coming free), a lower number is tried first, so the one
    /// that takes the cap's last slot is the one that matters most.
    /// </summary>
    public int Priority { get; init; } = FirstPriority;
}
