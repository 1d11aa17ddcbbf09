namespace EcCrm.Core.Messaging.Recommendations;

/// <summary>How many customers who bought <see cref="ProductId"/> also bought <see cref="Other"/>, and how far beyond chance.</summary>
public sealed record ProductAffinity(string ProductId, string Other, string OtherTitle, int Customers)
{
    /// <summary>The categories of <see cref="Other"/>.</summary>
    public IReadOnlyList<string> OtherCategories { get; init; } = [];

    /// <summary>How many times more often the two are bought together than if buying one said nothing about the other (1: no link).</summary>
    public double Lift { get; init; } = 1;

    /// <summary>
    /// How many standard deviations <see cref="Customers"/> lies above what chance would give (the hypergeometric
    /// distribution of customers who bought both): 1.96 or more is evidence at 95%.
    /// </summary>
    public double Evidence { get; init; }
}
