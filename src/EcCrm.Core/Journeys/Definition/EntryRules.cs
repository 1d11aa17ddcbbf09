namespace EcCrm.Core.Journeys.Definition;

/// <summary>Who enters: the trigger, a filter checked once at entry, how often a customer may enter, and the holdout.</summary>
public sealed record EntryRules(EntryTrigger Trigger, Condition? Filter, ReentryRules Reentry, HoldoutRules? Holdout);
