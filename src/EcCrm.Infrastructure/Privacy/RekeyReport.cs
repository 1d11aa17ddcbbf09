namespace EcCrm.Infrastructure.Privacy;

/// <summary>What <see cref="CustomerRekey"/> did: counts only, no key or address.</summary>
public sealed record RekeyReport
{
    /// <summary>Customer keys found in storage.</summary>
    public int Customers { get; init; }

    /// <summary>Customers moved to their key under the current secret.</summary>
    public int Moved { get; init; }

    /// <summary>Customers already under the current secret.</summary>
    public int AlreadyCurrent { get; init; }

    /// <summary>Old keys moved by an earlier run, where only the row naming the new key is left.</summary>
    public int AlreadyMoved { get; init; }

    /// <summary>Keys of which no profile or order is held (what an erasure keeps), or that no configured derivation gives: left where they are.</summary>
    public int Unrecognised { get; init; }

    /// <summary>Customers left under their old key because a journey run of theirs has not ended: run the command again once it has.</summary>
    public int SkippedRunning { get; init; }

    /// <summary>Profiles that existed under both keys (a new order after the switch), rebuilt from all of the customer's orders.</summary>
    public int ProfilesMerged { get; init; }

    /// <summary>Rows that existed under both keys with different content: the new key's row is kept and the old one left in place.</summary>
    public int Conflicts { get; init; }

    /// <summary>Rows written under new keys, by table.</summary>
    public IReadOnlyDictionary<string, int> RowsMoved { get; init; } = new Dictionary<string, int>();
}
