using Azure.Data.Tables;
using EcCrm.Core.Consent;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Sending;
using EcCrm.Core.Orders;
using EcCrm.Core.Privacy;
using EcCrm.Core.Profiles;
using EcCrm.Core.Tracking;
using EcCrm.Infrastructure.Privacy;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Infrastructure.Tests.Privacy;

public class CustomerRekeyTests
{
    private const string Email = "mio@example.jp";
    private const string OldSecret = "the-secret-used-before-rotation-0123456789";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MovesEverythingHeldUnderTheUnkeyedKeyToTheKeyedOneAndLeavesNothingBehind()
    {
        await using var before = await TestServices.CreateAsync(Now, configure: services => services.AddSingleton(new CustomerKeys(CustomerKeyDerivation.Unkeyed)));
        var old = CustomerKeyDerivation.Unkeyed.ForEmail(Email);
        await SeedAsync(before, old, EnrollmentStatus.Completed);
        var after = await SameStorageAsync(before);
        var key = TestKeys.ForEmail(Email);

        var report = await after.Get<CustomerRekey>().RunAsync(CancellationToken.None);

        Assert.Equal((1, 1, 0, 0, 0), (report.Customers, report.Moved, report.Unrecognised, report.SkippedRunning, report.Conflicts));
        var profile = (await after.Get<IProfileStore>().GetAsync(key, CancellationToken.None))?.Value;
        Assert.Equal(Email, profile?.Email);
        Assert.Equal("1001", Assert.Single(await after.Get<IOrderStore>().ListByCustomerAsync(key, CancellationToken.None)).OrderId);
        var send = await after.Get<ISendHistory>().GetAsync(key, SendKey(key), CancellationToken.None);
        Assert.Equal(SendStatus.Accepted, send?.Status);
        Assert.NotEmpty(await after.Get<IConsentLedger>().ListAsync(key, CancellationToken.None));
        Assert.Single(await after.Get<ICustomerEvents>().ListAsync(key, Now.AddDays(-30), CancellationToken.None));
        Assert.Equal(key, await after.Get<ICustomerEvents>().IdentifiedAsAsync("visitor-1", CancellationToken.None));
        var enrollment = Assert.Single(await after.Get<IEnrollmentStore>().ListByCustomerAsync(key, CancellationToken.None));
        Assert.Equal($"winback:{key}:1", enrollment.EnrollmentId);
        Assert.NotNull(await after.Get<IEnrollmentStore>().GetAsync(enrollment.EnrollmentId, CancellationToken.None));
        var events = new List<JourneyEventRecord>();
        await foreach (var recorded in after.Get<IJourneyEventLog>().ListAsync("winback", CancellationToken.None))
        {
            events.Add(recorded);
        }

        var journeyEvent = Assert.Single(events);
        Assert.Equal((key, enrollment.EnrollmentId), (journeyEvent.Customer, journeyEvent.EnrollmentId));
        Assert.Equal(SuppressionKind.Unsubscribed, Assert.Single(await after.Get<ISuppressionList>().GetAsync(Email, CancellationToken.None)).Kind);
        var recipient = await after.Get<IRecipients>().GetAsync(key, "BACK-MIO", CancellationToken.None);
        Assert.Equal(SuppressionKind.Unsubscribed, Assert.Single(recipient!.Suppressions).Kind);
        Assert.Equal("BACK-MIO", recipient.Coupon?.Code);
        Assert.Equal([$"{after.Storage.Names.Profiles}: {old} / moved"], await RowsNamingAsync(after.Storage, old));
        Assert.Equal(key, await after.Get<IProfileStore>().MovedToAsync(old, CancellationToken.None));
    }

    [Fact]
    public async Task MovesFromAPreviousSecretAndASecondRunFindsNothingToDo()
    {
        await using var before = await TestServices.CreateAsync(Now, configure: services => services.AddSingleton(new CustomerKeys(CustomerKeyDerivation.Keyed(OldSecret))));
        var old = CustomerKeyDerivation.Keyed(OldSecret).ForEmail(Email);
        await SeedAsync(before, old, EnrollmentStatus.Exited);
        var after = await SameStorageAsync(before, new Dictionary<string, string?> { ["Privacy:PreviousCustomerKeySecrets:0"] = OldSecret });

        var first = await after.Get<CustomerRekey>().RunAsync(CancellationToken.None);
        var second = await after.Get<CustomerRekey>().RunAsync(CancellationToken.None);

        Assert.Equal(1, first.Moved);
        Assert.Equal((2, 0, 1, 1, 0), (second.Customers, second.Moved, second.AlreadyCurrent, second.AlreadyMoved, second.Unrecognised));
        Assert.Empty(second.RowsMoved);
        Assert.Equal([$"{after.Storage.Names.Profiles}: {old} / moved"], await RowsNamingAsync(after.Storage, old));
    }

    [Fact]
    public async Task CompletesARunThatStoppedHalfWay()
    {
        await using var before = await TestServices.CreateAsync(Now, configure: services => services.AddSingleton(new CustomerKeys(CustomerKeyDerivation.Unkeyed)));
        var old = CustomerKeyDerivation.Unkeyed.ForEmail(Email);
        await SeedAsync(before, old, EnrollmentStatus.Completed);
        var after = await SameStorageAsync(before);
        var key = TestKeys.ForEmail(Email);
        // As a run that stopped after copying the orders and deleting them under the old key leaves them: only the profile names the address.
        var orders = after.Storage.Table(after.Storage.Names.Orders);
        await foreach (var row in orders.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {old.Value}")))
        {
            await orders.AddEntityAsync(new TableEntity(row) { PartitionKey = key.Value, ETag = default });
            await orders.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        var report = await after.Get<CustomerRekey>().RunAsync(CancellationToken.None);

        Assert.Equal((1, 0), (report.Moved, report.Conflicts));
        Assert.Equal(Email, (await after.Get<IProfileStore>().GetAsync(key, CancellationToken.None))?.Value.Email);
        Assert.Single(await after.Get<IOrderStore>().ListByCustomerAsync(key, CancellationToken.None));
        Assert.Equal([$"{after.Storage.Names.Profiles}: {old} / moved"], await RowsNamingAsync(after.Storage, old));
    }

    [Fact]
    public async Task AnUnsubscribeLinkSentBeforeTheMoveStillSuppressesTheAddress()
    {
        await using var before = await TestServices.CreateAsync(Now, configure: services => services.AddSingleton(new CustomerKeys(CustomerKeyDerivation.Unkeyed)));
        var old = CustomerKeyDerivation.Unkeyed.ForEmail(Email);
        await before.Get<OrderIngestion>().IngestAsync(TestOrders.Paid("1001", Email, Now.AddDays(-40)), CancellationToken.None);
        var link = before.Get<UnsubscribeTokens>().Create(old, null);
        var after = await SameStorageAsync(before);
        Assert.Equal(1, (await after.Get<CustomerRekey>().RunAsync(CancellationToken.None)).Moved);

        Assert.NotNull(await after.Get<Unsubscribes>().UnsubscribeByTokenAsync(link, CancellationToken.None));

        var recipient = await after.Get<IRecipients>().GetAsync(TestKeys.ForEmail(Email), null, CancellationToken.None);
        Assert.Equal(SuppressionKind.Unsubscribed, Assert.Single(recipient!.Suppressions).Kind);
        Assert.Contains(await after.Get<IConsentLedger>().ListAsync(TestKeys.ForEmail(Email), CancellationToken.None), record => record.Change == ConsentChange.OptOut);
    }

    [Fact]
    public async Task LeavesACustomerWhoseRunHasNotEndedAndMovesThemOnceItHas()
    {
        await using var before = await TestServices.CreateAsync(Now, configure: services => services.AddSingleton(new CustomerKeys(CustomerKeyDerivation.Unkeyed)));
        var old = CustomerKeyDerivation.Unkeyed.ForEmail(Email);
        await SeedAsync(before, old, EnrollmentStatus.Active);
        var after = await SameStorageAsync(before);

        var report = await after.Get<CustomerRekey>().RunAsync(CancellationToken.None);

        Assert.Equal((0, 1), (report.Moved, report.SkippedRunning));
        Assert.NotNull(await after.Get<IProfileStore>().GetAsync(old, CancellationToken.None));
        Assert.NotNull(await after.Get<IEnrollmentStore>().GetAsync($"winback:{old}:1", CancellationToken.None));

        var enrollment = (await after.Get<IEnrollmentStore>().GetAsync($"winback:{old}:1", CancellationToken.None))!;
        Assert.NotNull(await after.Get<IEnrollmentStore>().TryReplaceAsync(enrollment.Value with { State = enrollment.Value.State with { Status = EnrollmentStatus.Completed } }, enrollment.Version, CancellationToken.None));
        Assert.Equal(1, (await after.Get<CustomerRekey>().RunAsync(CancellationToken.None)).Moved);
    }

    [Fact]
    public async Task MergesAProfileMadeUnderTheNewKeyBeforeTheMove()
    {
        await using var before = await TestServices.CreateAsync(Now, configure: services => services.AddSingleton(new CustomerKeys(CustomerKeyDerivation.Unkeyed)));
        await SeedAsync(before, CustomerKeyDerivation.Unkeyed.ForEmail(Email), EnrollmentStatus.Completed);
        var after = await SameStorageAsync(before);
        await after.Get<OrderIngestion>().IngestAsync(TestOrders.Paid("1002", Email, Now.AddDays(-1)), CancellationToken.None); // after the switch, before the move

        var report = await after.Get<CustomerRekey>().RunAsync(CancellationToken.None);

        Assert.Equal((1, 1, 0), (report.Moved, report.ProfilesMerged, report.Conflicts));
        Assert.Equal(2, (await after.Get<IProfileStore>().GetAsync(TestKeys.ForEmail(Email), CancellationToken.None))?.Value.OrderCount);
    }

    [Fact]
    public async Task LeavesWhatAnErasureKeptWhichNamesNoAddress()
    {
        await using var before = await TestServices.CreateAsync(Now, configure: services => services.AddSingleton(new CustomerKeys(CustomerKeyDerivation.Unkeyed)));
        var old = CustomerKeyDerivation.Unkeyed.ForEmail(Email);
        await SeedAsync(before, old, EnrollmentStatus.Completed);
        await before.Get<IPersonalData>().EraseProfileAsync(old, Email, CancellationToken.None);
        await before.Get<IPersonalData>().DeleteOrdersAsync(old, CancellationToken.None);
        var after = await SameStorageAsync(before);

        var report = await after.Get<CustomerRekey>().RunAsync(CancellationToken.None);

        Assert.Equal((0, 1), (report.Moved, report.Unrecognised));
        Assert.NotEmpty(await RowsNamingAsync(after.Storage, old));
    }

    private static string SendKey(CustomerKey customer) => $"winback:{customer}:1:n1:1";

    /// <summary>A customer as the hosts kept them under <paramref name="old"/>: an order, an unsubscribe, a send, a coupon, a run, its event and a tracked visit.</summary>
    private static async Task SeedAsync(TestServices services, CustomerKey old, EnrollmentStatus runStatus)
    {
        var ingested = await services.Get<OrderIngestion>().IngestAsync(TestOrders.Paid("1001", Email, Now.AddDays(-40)) with { Customer = new OrderCustomer { Email = Email, FirstName = "Mio", AcceptsMarketing = true } }, CancellationToken.None);
        Assert.Equal(old, ingested.Customer);
        await services.Get<ISuppressionList>().AddAsync(Email, new Suppression(SuppressionKind.Unsubscribed, null, Now.AddDays(-5), "unsubscribe link"), CancellationToken.None);
        var enrollmentId = $"winback:{old}:1";
        Assert.NotNull(await services.Get<ISendHistory>().TryAddAsync(new SendRecord { Customer = old, IdempotencyKey = SendKey(old), Status = SendStatus.Accepted, QueuedAt = Now.AddDays(-10), EnrollmentId = enrollmentId, JourneyId = "winback" }, CancellationToken.None));
        await services.Get<ICouponIssuer>().IssueAsync(old, "winback", new CreateCoupon($"{enrollmentId}:coupon:1", "BACK-MIO", 15m, null, Now.AddDays(14)), CancellationToken.None);
        Assert.True(await services.Get<IEnrollmentStore>().TryCreateAsync(new EnrollmentRecord
        {
            EnrollmentId = enrollmentId,
            Customer = old,
            JourneyId = "winback",
            Version = 1,
            Group = EnrollmentGroup.Treatment,
            CreatedAt = Now.AddDays(-10),
            State = EnrollmentState.NotStarted with { Status = runStatus },
        }, CancellationToken.None));
        await services.Get<IJourneyEventLog>().RecordAsync(new JourneyEventRecord("winback", 1, enrollmentId, old, EnrollmentGroup.Treatment, $"{enrollmentId}:entered", JourneyEventKind.Entered, "n1", null, Now.AddDays(-10)), CancellationToken.None);
        var visit = new TrackedEvent { EventId = "view-1", Type = TrackedEventType.ProductViewed, OccurredAt = Now.AddDays(-2), AnonymousId = "visitor-1" };
        await services.Get<ICustomerEvents>().AddAsync(null, visit, CancellationToken.None);
        await services.Get<ICustomerEvents>().IdentifyAsync("visitor-1", old, CancellationToken.None);
    }

    /// <summary>The hosts after the switch to the test secret, on the same storage (deleted with <paramref name="before"/>).</summary>
    private static Task<TestServices> SameStorageAsync(TestServices before, Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? []) { ["Storage:Prefix"] = before.Prefix };
        return TestServices.CreateAsync(Now, values);
    }

    /// <summary>Every row of every table whose keys or columns hold <paramref name="key"/>.</summary>
    private static async Task<List<string>> RowsNamingAsync(StorageClients storage, CustomerKey key)
    {
        var found = new List<string>();
        foreach (var table in storage.Names.Tables)
        {
            await foreach (var row in storage.Table(table).QueryAsync<TableEntity>())
            {
                if (row.Any(pair => pair.Value is string text && text.Contains(key.Value, StringComparison.Ordinal)))
                {
                    found.Add($"{table}: {row.PartitionKey} / {row.RowKey}");
                }
            }
        }

        return found;
    }
}
