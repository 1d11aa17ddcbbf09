namespace EcCrm.Core.Analytics;

/// <summary>
/// What a journey entered on a shop event (an abandoned checkout, a cart, viewed products) set out to win back, per group:
/// the value customers left behind when they entered, and the goal revenue that came back. Recovered means a goal order
/// within the goal window, as conversion does; the holdout's recovery is what would have come back anyway.
/// </summary>
/// <param name="Event">The entry event as the journey language names it (<c>checkoutStarted</c>).</param>
public sealed record RecoveryFigures(string Event, decimal LeftBehind, decimal HoldoutLeftBehind, decimal Recovered, decimal HoldoutRecovered)
{
    /// <summary>Share of what the treatment left behind that came back as goal revenue; <c>null</c> when nothing was left behind.</summary>
    public double? RecoveredShare => LeftBehind > 0 ? (double)(Recovered / LeftBehind) : null;

    public double? HoldoutRecoveredShare => HoldoutLeftBehind > 0 ? (double)(HoldoutRecovered / HoldoutLeftBehind) : null;

    /// <summary>What the entries are called in a report: "abandoned checkouts" for a journey entered on <c>checkoutStarted</c>.</summary>
    public string Noun => Event switch
    {
        "checkoutStarted" => "abandoned checkouts",
        "addedToCart" => "abandoned carts",
        "productViewed" => "browse sessions",
        "searched" => "searches",
        _ => $"{Event} entries",
    };
}
