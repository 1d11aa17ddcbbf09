namespace EcCrm.Core.Journeys.Definition;

/// <summary>At most <see cref="MaxSends"/> marketing e-mails per <see cref="PerDays"/> days, counted across all journeys.</summary>
public sealed record FrequencyCap(int MaxSends, int PerDays);
