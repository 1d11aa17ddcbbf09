using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Testing;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Tests.Profiles;

public class CustomerKeyTests
{
    private const string OtherSecret = "another-customer-key-secret-0123456789abcdef";

    [Fact]
    public void IsTheSameForTheSameAddressWrittenDifferently() =>
        Assert.Equal(TestKeys.ForEmail("Hana.Sato@Example.com"), TestKeys.ForEmail("  hana.sato@example.COM "));

    [Fact]
    public void CarriesNoTraceOfTheAddress()
    {
        var key = TestKeys.ForEmail("hana.sato@example.com").Value;

        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.DoesNotContain("hana", key, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CannotBeConfirmedByHashingAKnownAddress()
    {
        var key = TestKeys.ForEmail("hana.sato@example.com").Value;
        var plainHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("email:hana.sato@example.com")).AsSpan(0, 16));

        Assert.NotEqual(plainHash, key);
        Assert.Equal(plainHash, CustomerKeyDerivation.Unkeyed.ForEmail("hana.sato@example.com").Value);
    }

    [Fact]
    public void IsTheHmacOfTheNormalisedAddressUnderTheSecret()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(TestSettings.CustomerKeySecret), Encoding.UTF8.GetBytes("email:hana.sato@example.com")).AsSpan(0, 16));

        Assert.Equal(expected, TestKeys.ForEmail(" Hana.Sato@example.com").Value);
    }

    [Fact]
    public void ChangesWithTheSecret() =>
        Assert.NotEqual(TestKeys.ForEmail("hana.sato@example.com"), CustomerKeyDerivation.Keyed(OtherSecret).ForEmail("hana.sato@example.com"));

    [Fact]
    public void FallsBackToThePlatformCustomerIdWhenAnOrderHasNoAddress()
    {
        var order = OrderBuilder.Order("1", "2026-01-01") with { Customer = new OrderCustomer { SourceCustomerId = "42" } };

        Assert.Equal(TestKeys.ForSourceCustomer(OrderSource.Generic, "42"), TestKeys.ForOrder(order));
        Assert.NotEqual(TestKeys.ForSourceCustomer(OrderSource.Shopify, "42"), TestKeys.ForOrder(order));
    }

    [Fact]
    public void IsAbsentForAnOrderThatNamesNobody() =>
        Assert.Null(TestKeys.ForOrder(OrderBuilder.Order("1", "2026-01-01") with { Customer = OrderCustomer.Anonymous }));

    [Fact]
    public void LooksForAnAddressUnderEveryDerivationConfigured()
    {
        var options = new PrivacyOptions { CustomerKeySecret = TestSettings.CustomerKeySecret };
        options.PreviousCustomerKeySecrets.Add(OtherSecret);
        var keys = new CustomerKeys(Options.Create(options));

        Assert.Equal(
            [TestKeys.ForEmail("a@example.com"), CustomerKeyDerivation.Keyed(OtherSecret).ForEmail("a@example.com"), CustomerKeyDerivation.Unkeyed.ForEmail("a@example.com")],
            keys.AllForEmail("A@example.com"));
    }

    [Fact]
    public void LooksOnlyUnderTheCurrentSecretWhenNothingElseIsConfigured()
    {
        var keys = new CustomerKeys(Options.Create(new PrivacyOptions { CustomerKeySecret = TestSettings.CustomerKeySecret, UnkeyedCustomerKeys = false }));

        Assert.Equal([TestKeys.ForEmail("a@example.com")], keys.AllForEmail("a@example.com"));
    }

    [Fact]
    public void RefusesAShortSecret() =>
        Assert.Throws<ArgumentException>(() => CustomerKeyDerivation.Keyed("too-short"));

    [Theory]
    [InlineData("ABCDEF0123456789abcdef0123456789")]
    [InlineData("abc")]
    [InlineData("../../etc/passwd")]
    [InlineData(null)]
    public void RefusesToParseWhatIsNotAKey(string? text) => Assert.False(CustomerKey.TryParse(text, out _));
}
