namespace EcCrm.Core.Messaging.Recommendations;

/// <summary>Every customer's bought products (id → title), read from the profiles for the co-purchase counts.</summary>
public interface ICustomerProducts
{
    IAsyncEnumerable<IReadOnlyDictionary<string, string>> ListAsync(CancellationToken cancellationToken);
}
