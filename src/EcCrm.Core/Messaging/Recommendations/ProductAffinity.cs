namespace EcCrm.Core.Messaging.Recommendations;

/// <summary>How many customers who bought <see cref="ProductId"/> also bought <see cref="Other"/>.</summary>
public sealed record ProductAffinity(string ProductId, string Other, string OtherTitle, int Customers);
