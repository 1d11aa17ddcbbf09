using System.Globalization;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Benchmarks.Email;

/// <summary>
/// Journey e-mails through the production path on Azurite: <see cref="IJourneyMailer"/> reads the customer's ledger
/// partition (the send's row and the recent sends the frequency cap counts) and the customer (profile with the last
/// order, suppressions), renders the Liquid template with recommendations, claims the ledger row, sends with the real
/// SendGrid client to a local fake SendGrid and records the outcome. The customers are made by ingesting one order
/// each. Baseline in the same run: raw Azurite table inserts at the same concurrency, the floor of any write. Also in
/// the same run, the floor of any exactly-once send: the least I/O one can make with raw calls and no logic (read
/// the customer's profile row, add a ledger row, post an already built message to the fake SendGrid, update the
/// row), so the e-mails' ratio can be read against what the storage and the provider call alone allow.
/// </summary>
public sealed class EmailBenchmark : IBenchmark
{
    // 10:00 in Tokyo: outside the quiet hours.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    // Sent before measuring in both loops, so connection pools, the JIT, the parsed templates and the product affinities
    // read once per process are warm, as in a running host.
    private const int WarmUp = 20;

    // E-mails sent after the measured ones with their storage requests counted (counting is kept out of the timed loop).
    private const int Counted = 20;

    public string Name => "email";

    public string Description => "journey e-mails/s through the SendGrid client and the send ledger, vs raw Azurite inserts";

    public async Task<int> RunAsync(string[] args)
    {
        var emails = Measure.Option(args, "--emails", 500);
        var concurrency = Measure.Option(args, "--concurrency", 8);
        var rounds = Math.Clamp(Measure.Option(args, "--rounds", 5), 1, emails);
        Console.WriteLine($"{emails} e-mails to {emails} customers, {concurrency} at a time, alternating with raw inserts in {rounds} rounds; {Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage()}");

        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await TestServices.CreateAsync(Now, new Dictionary<string, string?>
        {
            ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"),
            ["SendGrid:ApiKey"] = "SG.benchmark",
            ["SendGrid:Host"] = sendGrid.Url.ToString(),
        });
        var customers = await AddCustomersAsync(services, WarmUp + emails + Counted, concurrency);
        var mailer = services.Get<IJourneyMailer>();
        var rules = new SendRules(new QuietHours(new TimeOnly(21, 0), new TimeOnly(8, 0)), new FrequencyCap(3, 7)); // the win-back journey's
        Task<SendOutcome> SendAsync(CustomerKey customer) => mailer.SendAsync(
            new JourneySend($"winback-60:{customer}:1", "winback-60", 1, customer, new SendEmail($"winback-60:{customer}:1:email-1:1", "winback-1", "email-1", "marketing", false, null), rules),
            default);

        var rawTable = new TableServiceClient(Azurite.ConnectionString).GetTableClient(TestStorage.NewPrefix() + "RawInserts");
        await rawTable.CreateIfNotExistsAsync();
        Task InsertAsync(int i) => rawTable.AddEntityAsync(new TableEntity(TestKeys.ForEmail($"raw{i}@example.com").Value, "send-" + i.ToString(CultureInfo.InvariantCulture))
        {
            ["Status"] = "Sent",
            ["QueuedAt"] = Now,
            ["TemplateId"] = "winback-1",
        });

        // The floor: what the I/O of an exactly-once send costs by itself, with the message the mailer built.
        var profiles = services.Storage.Table(services.Storage.Names.Profiles);
        using var provider = new HttpClient { BaseAddress = sendGrid.Url };
        string? mail = null;
        async Task FloorAsync(int i)
        {
            var customer = customers[WarmUp + (i % emails)].Value;
            await profiles.GetEntityIfExistsAsync<TableEntity>(customer, "profile");
            var row = new TableEntity(customer, "floor-" + i.ToString(CultureInfo.InvariantCulture)) { ["Status"] = "Claimed", ["QueuedAt"] = Now, ["TemplateId"] = "winback-1" };
            var claimed = await rawTable.AddEntityAsync(row);
            using var request = new HttpRequestMessage(HttpMethod.Post, "v3/mail/send") { Content = new StringContent(mail!, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "SG.benchmark");
            using var answer = await provider.SendAsync(request);
            answer.EnsureSuccessStatusCode();
            row["Status"] = "Accepted";
            await rawTable.UpdateEntityAsync(row, claimed.Headers.ETag!.Value, TableUpdateMode.Replace);
        }

        // The loops warm up first, then alternate, so that all see the same load on the shared machine.
        await Measure.RunAsync(WarmUp, concurrency, i => InsertAsync(emails + i));
        await Measure.RunAsync(WarmUp, concurrency, async i => await SendAsync(customers[i]));
        mail = sendGrid.AcceptedMails[0].Body.ToJsonString();
        await Measure.RunAsync(WarmUp, concurrency, i => FloorAsync(emails + i));
        var load = new MachineLoad(Azurite.ConnectionString);
        var outcomes = new SendOutcome[emails];
        var latencies = new double[emails];
        TimeSpan rawTime = TimeSpan.Zero, emailTime = TimeSpan.Zero, floorTime = TimeSpan.Zero;
        (double Self, double Azurite) rawCpu = (0, 0), emailCpu = (0, 0);
        for (var round = 0; round < rounds; round++)
        {
            var from = emails * round / rounds;
            var count = (emails * (round + 1) / rounds) - from;
            var before = load.Take();
            var (rawElapsed, _) = await Measure.RunAsync(count, concurrency, i => InsertAsync(from + i));
            var between = load.Take();
            var (emailElapsed, emailLatencies) = await Measure.RunAsync(count, concurrency, async i => outcomes[from + i] = await SendAsync(customers[WarmUp + from + i]));
            var after = load.Take();
            var (floorElapsed, _) = await Measure.RunAsync(count, concurrency, i => FloorAsync(from + i));
            emailLatencies.CopyTo(latencies, from);
            (rawTime, emailTime, floorTime) = (rawTime + rawElapsed, emailTime + emailElapsed, floorTime + floorElapsed);
            var (rawSelf, rawAzurite) = MachineLoad.CpuMilliseconds(before, between);
            var (emailSelf, emailAzurite) = MachineLoad.CpuMilliseconds(between, after);
            (rawCpu, emailCpu) = ((rawCpu.Self + rawSelf, rawCpu.Azurite + rawAzurite), (emailCpu.Self + emailSelf, emailCpu.Azurite + emailAzurite));
            Console.WriteLine($"round {round + 1}: raw inserts {Measure.Rate(count / rawElapsed.TotalSeconds)}, e-mails {Measure.Rate(count / emailElapsed.TotalSeconds)}, floor {Measure.Rate(count / floorElapsed.TotalSeconds)}; {MachineLoad.Between(before, after)}");
        }

        await rawTable.DeleteAsync();

        // Counted apart from the measured loop, so that counting does not slow what is timed.
        using (var requests = new StorageRequests(Azurite.ConnectionString, services.Prefix))
        {
            await Measure.RunAsync(Counted, concurrency, async i => await SendAsync(customers[WarmUp + emails + i]));
            var made = requests.Snapshot();
            Console.WriteLine($"storage requests per e-mail (counted over {Counted} more): {(double)made.Count / Counted:0.0}: {string.Join(", ", made.GroupBy(StorageRequests.Target).OrderByDescending(group => group.Count()).Select(group => $"{group.Key} {(double)group.Count() / Counted:0.0}"))}");
        }

        var sent = outcomes.Count(outcome => outcome is Sent);
        var rate = emails / emailTime.TotalSeconds;
        var rawRate = emails / rawTime.TotalSeconds;
        var floorRate = emails / floorTime.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| raw Azurite table inserts (baseline) | {Measure.Rate(rawRate)} |");
        Console.WriteLine($"| journey e-mails, ledger + render + SendGrid client | {Measure.Rate(rate)} |");
        Console.WriteLine($"| ratio e-mails / raw inserts | {rate / rawRate:0.00} |");
        Console.WriteLine($"| floor of an exactly-once send: profile read, ledger add, provider post, ledger update (raw calls) | {Measure.Rate(floorRate)} |");
        Console.WriteLine($"| ratio floor / raw inserts: the most any send with these calls can reach | {floorRate / rawRate:0.00} |");
        Console.WriteLine($"| ratio e-mails / floor | {rate / floorRate:0.00} |");
        Console.WriteLine($"| latency per e-mail p50 / p99 | {Measure.Percentile(latencies, 50):0.0} ms / {Measure.Percentile(latencies, 99):0.0} ms |");
        Console.WriteLine($"| CPU per raw insert: benchmark process / Azurite | {rawCpu.Self / emails:0.00} ms / {rawCpu.Azurite / emails:0.00} ms |");
        Console.WriteLine($"| CPU per e-mail: benchmark process (fake SendGrid included) / Azurite | {emailCpu.Self / emails:0.00} ms / {emailCpu.Azurite / emails:0.00} ms |");
        Console.WriteLine($"| load average at the end | {MachineLoad.LoadAverage()} |");
        var floorPosts = WarmUp + emails;
        Console.WriteLine($"| sent / accepted by the fake SendGrid (after {WarmUp} warm-up e-mails, floor posts apart) | {sent} / {sendGrid.Accepted - WarmUp - Counted - floorPosts} |");
        if (sent != emails || sendGrid.Accepted != WarmUp + emails + Counted + floorPosts)
        {
            Console.Error.WriteLine($"email: expected {emails} e-mails sent and accepted; a benchmark that sends less measures nothing.");
            return 1;
        }

        return 0;
    }

    /// <summary>Customers made as production makes them: one order each, ingested, so each profile is what ingestion keeps.</summary>
    private static async Task<CustomerKey[]> AddCustomersAsync(TestServices services, int count, int concurrency)
    {
        var customers = new CustomerKey[count];
        var ingestion = services.Get<OrderIngestion>();
        await Measure.RunAsync(count, concurrency, async i =>
        {
            var email = $"bench{i:00000}@example.jp";
            customers[i] = TestKeys.ForEmail(email);
            var order = TestOrders.Paid($"bench-{i}", email, Now.AddDays(-61)) with
            {
                OrderNumber = $"#{10000 + i}",
                Customer = new OrderCustomer { Email = email, FirstName = "Bench", AcceptsMarketing = true, TimeZone = "Asia/Tokyo", CountryCode = "JP" },
                Lines = [new OrderLine { ProductId = "beans-house", Title = "House Blend 200g", Quantity = 1, UnitPrice = 3200m, Categories = ["coffee"] }],
            };
            await ingestion.IngestAsync(order, default);
        });
        return customers;
    }
}
