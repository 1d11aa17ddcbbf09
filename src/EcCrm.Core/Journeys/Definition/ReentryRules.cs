namespace EcCrm.Core.Journeys.Definition;

/// <summary>Whether and when a customer may enter again, and at most how many times in all.</summary>
public sealed record ReentryRules(ReentryPolicy Policy, int? CooldownDays, int? MaxEntries)
{
    public static ReentryRules Never { get; } = new(ReentryPolicy.Never, null, null);
}
