namespace EcCrm.Core.Messaging.Deliverability;

/// <summary>A journey's sends the provider reported on since a time, and how many of them bounced or drew a spam complaint.</summary>
public sealed record DeliverabilityCounts(int Sends, int Bounces, int Complaints);
