namespace EcCrm.Core.Profiles;

/// <summary>How a customer's time zone is known.</summary>
public enum TimeZoneSource
{
    /// <summary>Not known: the shop's time zone applies.</summary>
    Unknown,

    /// <summary>Reported by the shop with the order.</summary>
    Reported,

    /// <summary>Inferred from a country that has a single time zone.</summary>
    Country,
}
