using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Backtesting;

/// <summary>
/// A customer who would have entered: when, in which group, the e-mails they would have been sent, and whether they ordered
/// within the goal window anyway (<c>null</c> while that window has not ended, or without a goal).
/// </summary>
public sealed record BacktestEntrant(CustomerKey Customer, string? Email, DateTimeOffset EnteredAt, EnrollmentGroup Group, int EmailsSent, bool? OrderedWithinGoal);
