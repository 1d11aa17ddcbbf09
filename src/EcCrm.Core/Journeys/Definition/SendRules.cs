namespace EcCrm.Core.Journeys.Definition;

/// <summary>How sends are paced: quiet hours in the customer's time zone and a cap across journeys. Both defer, never drop.</summary>
public sealed record SendRules(QuietHours? QuietHours, FrequencyCap? FrequencyCap)
{
    public static SendRules None { get; } = new(null, null);
}
