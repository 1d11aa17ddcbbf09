namespace EcCrm.Core.Profiles;

/// <summary>How much of one product a customer has bought, over all their orders that count as purchases.</summary>
public sealed record ProductPurchase(string ProductId, string Title, int Quantity, DateTimeOffset LastBoughtAt)
{
    public IReadOnlyList<string> Categories { get; init; } = [];
}
