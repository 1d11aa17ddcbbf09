namespace EcCrm.Core.Analytics;

/// <summary>Every customer's purchases, for the customer report (a scan of the order history).</summary>
public interface ICustomerHistories
{
    Task<IReadOnlyList<CustomerHistory>> ListAsync(CancellationToken cancellationToken);
}
