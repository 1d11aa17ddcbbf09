using EcCrm.Core.Shop;
using EcCrm.Testing;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Tests;

/// <summary>The shop's settings as a deployment passes them: every setting present, empty when the operator chose none.</summary>
public class ShopSettingsTests
{
    [Fact]
    public async Task AnEmptyCurrencyOrContactAddressCountsAsUnsetInsteadOfStoppingTheHost()
    {
        await using var services = await TestServices.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Shop:Currency"] = string.Empty,
            ["Shop:ContactEmail"] = " ",
        });

        var shop = services.Get<IOptions<ShopOptions>>().Value;

        Assert.Equal((null, null), (shop.Currency, shop.ContactEmail));
    }

    [Fact]
    public async Task ACurrencyThatIsSetIsStillChecked()
    {
        await using var services = await TestServices.CreateAsync(settings: new Dictionary<string, string?> { ["Shop:Currency"] = "yen" });

        var refused = Assert.Throws<OptionsValidationException>(() => services.Get<IOptions<ShopOptions>>().Value);

        Assert.Contains("Shop:Currency", refused.Message, StringComparison.Ordinal);
    }
}
