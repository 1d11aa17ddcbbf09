namespace EcCrm.Core.Privacy;

/// <summary>What erasing a profile removed, and how many suppressions were kept as tombstones.</summary>
public sealed record ProfileErasure(int Profiles, int Coupons, int SuppressionTombstones);
