namespace EcCrm.Core.Journeys.Backtesting;

/// <summary>
/// The shop's history in bulk, for backtests: every profile, every order, every suppression and the marketing e-mail sent
/// since a moment, each table read once (never a query per customer: a store that scans whole tables, as Azurite does,
/// would pay for every customer a scan of everything).
/// </summary>
public interface IShopHistory
{
    Task<ShopHistory> ReadAsync(DateTimeOffset sendsSince, CancellationToken cancellationToken);
}
