namespace EcCrm.Core.Profiles;

/// <summary>
/// Every customer's profile in one bulk read (a scan of the whole table), for what has to look at all customers at once:
/// the sweep for journeys entered by segment or by the customer's own re-order interval, scheduled runs, backtests.
/// </summary>
public interface IProfileDirectory
{
    IAsyncEnumerable<CustomerProfile> ListAllAsync(CancellationToken cancellationToken);
}
