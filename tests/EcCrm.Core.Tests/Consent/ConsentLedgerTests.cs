using EcCrm.Core.Consent;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Webhooks.Mapping;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Consent;

/// <summary>What the consent ledger records from orders and profiles, and what a customer's records amount to.</summary>
public class ConsentLedgerTests
{
    private static readonly CustomerKey Customer = TestKeys.ForEmail("hana.sato@example.com");
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AShopifyOrderGivesOneOptInAtTheConsentsOwnTimeWithTheWebhooksConsentFields()
    {
        var order = Shopify(Payloads.Text(Payloads.ShopifyPresentment));

        var record = Assert.Single(ConsentLedger.FromOrders(Customer, [order], Now));

        Assert.Equal((ConsentChange.OptIn, ConsentSource.Order), (record.Change, record.Source));
        Assert.Equal(DateTimeOffset.Parse("2025-11-02T18:01:12+01:00", System.Globalization.CultureInfo.InvariantCulture), record.At);
        Assert.Equal("subscribed", record.Evidence["$.customer.email_marketing_consent.state"]);
        Assert.Equal("single_opt_in", record.Evidence["$.customer.email_marketing_consent.opt_in_level"]);
        Assert.Equal("2025-11-02T18:01:12+01:00", record.Evidence["$.customer.email_marketing_consent.consent_updated_at"]);
        Assert.Equal("false", record.Evidence["$.buyer_accepts_marketing"]);
        Assert.StartsWith("5821104390211", record.Evidence["order"], StringComparison.Ordinal);
    }

    [Fact]
    public void OrdersThatRepeatTheSameDatedConsentGiveTheSameSingleRecordInWhateverOrderTheyArrive()
    {
        var first = Shopify(Payloads.Text(Payloads.ShopifyPresentment));
        var second = Shopify(Payloads.With(Payloads.ShopifyPresentment, ("$.id", 5821104390999), ("$.updated_at", "2026-03-18T09:00:00+01:00")));

        var once = ConsentLedger.FromOrders(Customer, [first], Now);
        var both = ConsentLedger.FromOrders(Customer, [second, first], Now);

        Assert.Equal(Assert.Single(once).Id, Assert.Single(both).Id);
    }

    [Fact]
    public void EachChangeOfConsentAcrossUndatedOrdersIsARecordAndARepeatIsNot()
    {
        var orders = new[] { (1, true), (2, true), (3, false), (4, true) }
            .Select(o => TestOrders.Paid($"o{o.Item1}", "hana.sato@example.com", Now.AddDays(-10 + o.Item1)) with
            {
                Customer = new OrderCustomer { Email = "hana.sato@example.com", AcceptsMarketing = o.Item2 },
            })
            .ToList();

        var records = ConsentLedger.FromOrders(Customer, orders, Now);

        Assert.Equal([ConsentChange.OptIn, ConsentChange.OptOut, ConsentChange.OptIn], records.Select(record => record.Change));
        Assert.Equal(["generic:order:o1", "generic:order:o3", "generic:order:o4"], records.Select(record => record.Reference));
        Assert.True(ConsentLedger.Current(records));
    }

    [Fact]
    public void TheLatestRecordForAllMarketingDecidesAndAnOptOutWinsATie()
    {
        var optIn = Record(ConsentChange.OptIn, Now.AddDays(-3));

        Assert.Null(ConsentLedger.Current([]));
        Assert.True(ConsentLedger.Current([optIn]));
        Assert.False(ConsentLedger.Current([Record(ConsentChange.OptOut, Now.AddDays(-1)), optIn]));
        Assert.False(ConsentLedger.Current([Record(ConsentChange.OptOut, optIn.At, ConsentSource.UnsubscribeLink), optIn]));

        // A group's unsubscribe is that group's suppression, not a withdrawal of all marketing.
        Assert.True(ConsentLedger.Current([optIn, Record(ConsentChange.OptOut, Now.AddDays(-1)) with { Group = "newsletter" }]));
    }

    [Fact]
    public void AnErasedCustomersRecordsProveTheirPastConsentButGrantNone()
    {
        var erased = ConsentLedger.Erased(Record(ConsentChange.OptIn, Now.AddDays(-3)), Now, Now.AddDays(20));

        Assert.Null(ConsentLedger.Current([erased]));
        Assert.Empty(erased.Evidence);
        Assert.Equal((Now, Now.AddDays(20)), (erased.ErasedAt, erased.KeepUntil));
    }

    [Fact]
    public void RecordsAreKeptAfterAnErasureUntilAMonthAfterTheLastEmailAndNoLonger()
    {
        Assert.Equal(Now.AddDays(-10 + 31), ConsentLedger.KeepAfterErasureUntil(Now.AddDays(-10), Now));
        Assert.Null(ConsentLedger.KeepAfterErasureUntil(Now.AddDays(-40), Now));
        Assert.Null(ConsentLedger.KeepAfterErasureUntil(null, Now));
    }

    [Fact]
    public void AProfileIngestedBeforeTheLedgerGivesItsReportedConsentAsEvidence()
    {
        var profile = CustomerProfile.Empty(Customer) with { AcceptsMarketing = true, ConsentReportedAt = Now.AddDays(-60) };

        var record = ConsentLedger.FromProfile(profile, Now)!;

        Assert.Equal((ConsentChange.OptIn, ConsentSource.Profile, Now.AddDays(-60)), (record.Change, record.Source, record.At));
        Assert.Equal("true", record.Evidence["acceptsMarketing"]);
        Assert.Null(ConsentLedger.FromProfile(CustomerProfile.Empty(Customer), Now));
    }

    private static ConsentRecord Record(ConsentChange change, DateTimeOffset at, ConsentSource source = ConsentSource.Api) => new()
    {
        Customer = Customer,
        At = at,
        Change = change,
        Source = source,
        Reference = $"{source}:{at:O}",
        RecordedAt = Now,
    };

    private static OrderRecord Shopify(string json)
    {
        var result = ShopifyOrderMapper.Map(Payloads.Parse(json), "orders/create");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Order!;
    }
}
