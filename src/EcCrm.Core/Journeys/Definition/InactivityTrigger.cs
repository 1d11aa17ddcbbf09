namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// No order for <see cref="Days"/> days, or for <see cref="Intervals"/> times the customer's own usual re-order
/// interval (customers with fewer than two orders have no interval and do not enter unless <see cref="Days"/> is set too,
/// which is then the fallback).
/// </summary>
public sealed record InactivityTrigger(int? Days, double? Intervals) : EntryTrigger;
