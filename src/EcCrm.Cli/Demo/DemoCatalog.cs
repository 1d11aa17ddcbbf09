using EcCrm.Core.Orders;

namespace EcCrm.Cli.Demo;

/// <summary>The demo shop's products: a coffee and tea roaster in Tokyo, prices in yen.</summary>
public static class DemoCatalog
{
    public sealed record Product(string Id, string Title, string Category, decimal Price, bool Consumable);

    public static IReadOnlyList<Product> Products { get; } =
    [
        new("beans-ethiopia-guji", "Ethiopia Guji 200g", "coffee", 1800m, true),
        new("beans-kenya-aa", "Kenya AA 200g", "coffee", 1900m, true),
        new("beans-colombia-huila", "Colombia Huila 200g", "coffee", 1600m, true),
        new("beans-guatemala", "Guatemala Antigua 200g", "coffee", 1650m, true),
        new("beans-house-blend", "House Blend 400g", "coffee", 2600m, true),
        new("beans-espresso", "Espresso Roast 400g", "coffee", 2800m, true),
        new("beans-decaf", "Decaf Mexico 200g", "coffee", 1700m, true),
        new("drip-bags-10", "Drip Bags x10", "coffee", 1200m, true),
        new("tea-sencha", "Sencha Premium 100g", "tea", 1500m, true),
        new("tea-hojicha", "Hojicha 100g", "tea", 1100m, true),
        new("tea-genmaicha", "Genmaicha 150g", "tea", 900m, true),
        new("tea-matcha", "Ceremonial Matcha 30g", "tea", 2400m, true),
        new("tea-gyokuro", "Gyokuro 50g", "tea", 2900m, true),
        new("filters-100", "Paper Filters x100", "accessories", 600m, true),
        new("filters-cloth", "Cloth Filter x3", "accessories", 900m, true),
        new("dripper-ceramic", "Ceramic Dripper", "equipment", 3800m, false),
        new("kettle-gooseneck", "Gooseneck Kettle", "equipment", 7800m, false),
        new("grinder-hand", "Hand Grinder", "equipment", 9800m, false),
        new("scale-timer", "Scale with Timer", "equipment", 4500m, false),
        new("teapot-kyusu", "Tokoname Kyusu Teapot", "equipment", 6500m, false),
        new("whisk-chasen", "Bamboo Whisk (Chasen)", "equipment", 2800m, false),
        new("mug-stoneware", "Stoneware Mug", "accessories", 2200m, false),
        new("canister", "Airtight Canister", "accessories", 2000m, false),
        new("gift-coffee-trio", "Gift Set: Coffee Trio", "gifts", 5200m, false),
        new("gift-tea-trio", "Gift Set: Tea Trio", "gifts", 4800m, false),
    ];

    public static IReadOnlyList<Product> Consumables { get; } = [.. Products.Where(product => product.Consumable)];

    public static OrderLine Line(Product product, int quantity) => new()
    {
        ProductId = product.Id,
        Sku = product.Id.ToUpperInvariant(),
        Title = product.Title,
        Categories = [product.Category],
        Quantity = quantity,
        UnitPrice = product.Price,
    };
}
