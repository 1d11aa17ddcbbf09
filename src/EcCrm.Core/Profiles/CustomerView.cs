using EcCrm.Core.Orders;

namespace EcCrm.Core.Profiles;

/// <summary>A profile with the customer's most recent orders and their survey answers, as the read API returns it.</summary>
public sealed record CustomerView(CustomerProfile Profile, IReadOnlyList<OrderRecord> RecentOrders)
{
    /// <summary>What the customer answered to survey e-mails, with their comments, oldest first.</summary>
    public IReadOnlyList<Surveys.SurveyAnswer> SurveyAnswers { get; init; } = [];
}
