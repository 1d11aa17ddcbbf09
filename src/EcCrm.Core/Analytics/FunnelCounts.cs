namespace EcCrm.Core.Analytics;

/// <summary>
/// The funnel of a journey: customers entered (treatment) and held out, e-mails sent, delivered, opened and clicked,
/// customers who converted in each group, and the revenue of their goal orders.
/// </summary>
public sealed record FunnelCounts(
    int Entered,
    int HeldOut,
    int Reached,
    int Sent,
    int Delivered,
    int Opened,
    int Clicked,
    int Converted,
    int HoldoutConverted,
    decimal Revenue,
    decimal HoldoutRevenue);
