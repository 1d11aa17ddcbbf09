using EcCrm.Core.Orders;

namespace EcCrm.Core.Profiles;

/// <summary>Looks customers up for the read API: by key or by e-mail address (hashed the same way).</summary>
public sealed class CustomerQueries(IProfileStore profiles, IOrderStore orders, Surveys.ISurveyAnswerStore answers, CustomerKeys keys)
{
    public const int RecentOrderCount = 20;

    public async Task<CustomerView?> FindAsync(CustomerKey key, CancellationToken cancellationToken)
    {
        if (await profiles.GetAsync(key, cancellationToken).ConfigureAwait(false) is not { } profile)
        {
            return null;
        }

        var recent = (await orders.ListByCustomerAsync(key, cancellationToken).ConfigureAwait(false))
            .OrderByDescending(order => order.PlacedAt)
            .Take(RecentOrderCount)
            .ToList();
        return new CustomerView(profile.Value, recent) { SurveyAnswers = await answers.ListByCustomerAsync(key, cancellationToken).ConfigureAwait(false) };
    }

    public Task<CustomerView?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        FindAsync(keys.ForEmail(email), cancellationToken);
}
