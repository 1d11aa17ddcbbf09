namespace EcCrm.Core.Messaging.Recommendations;

/// <summary>A product to suggest, and how many customers bought it together with something the customer has.</summary>
public sealed record Recommendation(string ProductId, string Title, int BoughtTogether);
