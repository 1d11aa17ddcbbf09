using Azure.Data.Tables;
using EcCrm.Core.Consent;
using EcCrm.Core.Messaging.Deliverability;
using EcCrm.Core.Privacy;
using EcCrm.Core.Profiles;
using EcCrm.Core.Tracking;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Privacy;

/// <summary>The daily retention run on Azurite: nothing past its time stays, whoever it belongs to, and nothing newer goes.</summary>
public class DataRetentionTests
{
    [Fact]
    public async Task EventsPastTheirRetentionGoForCustomersWhoNeverComeBackAndForVisitorsAndOldDeliverabilityMarksGoToo()
    {
        // The clock a year ahead of the storage's own time, so that the links written now are a year old on it.
        var now = DateTimeOffset.UtcNow.AddDays(365);
        await using var services = await TestServices.CreateAsync(now, new Dictionary<string, string?> { ["Tracking:RetentionDays"] = "90", ["Deliverability:Window"] = "30.00:00:00" });
        var events = services.Get<ICustomerEvents>();
        var gone = TestKeys.ForEmail("gone@example.com");
        var back = TestKeys.ForEmail("back@example.com");
        await events.AddAsync(gone, View("gone-old", now.AddDays(-120)), default);
        await events.AddAsync(back, View("back-old", now.AddDays(-91)), default);
        await events.AddAsync(back, View("back-new", now.AddDays(-89)), default);
        await events.AddAsync(null, View("visitor-old", now.AddDays(-100)) with { AnonymousId = "visitor-1" }, default);
        await events.AddAsync(null, View("visitor-new", now.AddDays(-1)) with { AnonymousId = "visitor-2" }, default);
        await events.IdentifyAsync("visitor-3", back, default); // a link confirmed a year ago on this clock
        var marks = services.Get<IDeliverabilityLedger>();
        await marks.MarkAsync("winback-60", "enr-1:n1:1", DeliverabilityMark.Sent, now.AddDays(-31), default);
        await marks.MarkAsync("winback-60", "enr-2:n1:1", DeliverabilityMark.Bounced, now.AddDays(-29), default);

        var report = await services.Get<DataRetention>().RunAsync(default);

        Assert.Equal(new RetentionReport(TrackedEvents: 4, DeliverabilityMarks: 1, ConsentRecords: 0), report);
        Assert.Empty(await events.ListAsync(gone, now.AddYears(-10), default));
        Assert.Equal(["back-new"], (await events.ListAsync(back, now.AddYears(-10), default)).Select(e => e.EventId));
        Assert.Null(await events.IdentifiedAsAsync("visitor-3", default));
        var left = new List<string>();
        await foreach (var row in services.Storage.Table(services.Storage.Names.CustomerEvents).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            left.Add(row.RowKey);
        }

        Assert.Equal(["event:back-new", "event:visitor-new"], left.Order(StringComparer.Ordinal));
        Assert.Equal(new DeliverabilityCounts(1, 1, 0), await marks.CountAsync("winback-60", now.AddYears(-10), default));
        Assert.Equal(new RetentionReport(0, 0, 0), await services.Get<DataRetention>().RunAsync(default));
    }

    [Fact]
    public async Task ConsentRecordsKeptAfterAnErasureGoOnceTheirTimeIsPastAndOthersStay()
    {
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        await using var services = await TestServices.CreateAsync(now);
        var ledger = services.Get<IConsentLedger>();
        ConsentRecord OptIn(string email, string reference) => new()
        {
            Customer = TestKeys.ForEmail(email),
            At = now.AddDays(-400),
            Change = ConsentChange.OptIn,
            Source = ConsentSource.Order,
            Reference = reference,
            RecordedAt = now.AddDays(-400),
        };
        await ledger.AddAsync(
        [
            ConsentLedger.Erased(OptIn("due@example.com", "o-1"), now.AddDays(-60), keepUntil: now.AddDays(-1)),
            ConsentLedger.Erased(OptIn("kept@example.com", "o-2"), now.AddDays(-20), keepUntil: now.AddDays(10)),
            OptIn("held@example.com", "o-3"),
        ], default);

        var report = await services.Get<DataRetention>().RunAsync(default);

        Assert.Equal(1, report.ConsentRecords);
        Assert.Empty(await ledger.ListAsync(TestKeys.ForEmail("due@example.com"), default));
        Assert.Single(await ledger.ListAsync(TestKeys.ForEmail("kept@example.com"), default));
        Assert.Single(await ledger.ListAsync(TestKeys.ForEmail("held@example.com"), default));
    }

    private static TrackedEvent View(string id, DateTimeOffset at) => new()
    {
        EventId = id,
        Type = TrackedEventType.ProductViewed,
        OccurredAt = at,
        Lines = [new TrackedLine { ProductId = "kettle", Title = "Kettle" }],
    };
}
