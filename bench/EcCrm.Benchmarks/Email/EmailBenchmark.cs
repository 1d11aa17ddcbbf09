using System.Globalization;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Benchmarks.Email;

/// <summary>
/// Journey e-mails through the production path on Azurite: <see cref="IJourneyMailer"/> reads the ledger, the profile,
/// the suppression list and the customer's recent sends and orders, renders the Liquid template with
/// recommendations, claims the ledger row, sends with the real SendGrid client to a local fake SendGrid and records
/// the outcome. Baseline in the same run: raw Azurite table inserts at the same concurrency, the floor of any write.
/// </summary>
public sealed class EmailBenchmark : IBenchmark
{
    // 10:00 in Tokyo: outside the quiet hours.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    // Sent before measuring in both loops, so connection pools and the JIT are warm. Templates are not cached: the mailer
    // reads and parses them on every send, as in production.
    private const int WarmUp = 20;

    public string Name => "email";

    public string Description => "journey e-mails/s through the SendGrid client and the send ledger, vs raw Azurite inserts";

    public async Task<int> RunAsync(string[] args)
    {
        var emails = Measure.Option(args, "--emails", 500);
        var concurrency = Measure.Option(args, "--concurrency", 8);
        Console.WriteLine($"{emails} e-mails to {emails} customers, {concurrency} at a time, {Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage()}");

        var load = new MachineLoad(Azurite.ConnectionString);
        var before = load.Take();
        var raw = await RawInsertsAsync(emails, concurrency);
        Console.WriteLine($"raw inserts: {MachineLoad.Between(before, load.Take())}");
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await TestServices.CreateAsync(Now, new Dictionary<string, string?>
        {
            ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"),
            ["SendGrid:ApiKey"] = "SG.benchmark",
            ["SendGrid:Host"] = sendGrid.Url.ToString(),
        });
        var customers = await AddCustomersAsync(services, WarmUp + emails, concurrency);
        var mailer = services.Get<IJourneyMailer>();
        var rules = new SendRules(new QuietHours(new TimeOnly(21, 0), new TimeOnly(8, 0)), new FrequencyCap(3, 7)); // the win-back journey's
        Task<SendOutcome> SendAsync(CustomerKey customer) => mailer.SendAsync(
            new JourneySend($"winback-60:{customer}:1", "winback-60", 1, customer, new SendEmail($"winback-60:{customer}:1:email-1:1", "winback-1", "email-1", "marketing", false, null), rules),
            default);
        await Measure.RunAsync(WarmUp, concurrency, async i => await SendAsync(customers[i]));
        var outcomes = new SendOutcome[emails];
        using var requests = new AzuriteRequests(Azurite.ConnectionString);
        before = load.Take();
        var (elapsed, latencies) = await Measure.RunAsync(emails, concurrency, async i => outcomes[i] = await SendAsync(customers[WarmUp + i]));
        Console.WriteLine($"e-mails: {MachineLoad.Between(before, load.Take())}");
        var made = requests.Snapshot();

        var sent = outcomes.Count(outcome => outcome is Sent);
        var rate = emails / elapsed.TotalSeconds;
        var rawRate = emails / raw.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| raw Azurite table inserts (baseline) | {Measure.Rate(rawRate)} |");
        Console.WriteLine($"| journey e-mails, ledger + render + SendGrid client | {Measure.Rate(rate)} |");
        Console.WriteLine($"| ratio e-mails / raw inserts | {rate / rawRate:0.00} |");
        Console.WriteLine($"| latency per e-mail p50 / p99 | {Measure.Percentile(latencies, 50):0.0} ms / {Measure.Percentile(latencies, 99):0.0} ms |");
        Console.WriteLine($"| storage requests per e-mail (counted) | {(double)made.Count / emails:0.0}: {string.Join(", ", made.GroupBy(AzuriteRequests.Target).OrderByDescending(group => group.Count()).Select(group => $"{group.Key} {(double)group.Count() / emails:0.0}"))} |");
        Console.WriteLine($"| load average at the end | {MachineLoad.LoadAverage()} |");
        Console.WriteLine($"| sent / accepted by the fake SendGrid (after {WarmUp} warm-up e-mails) | {sent} / {sendGrid.Accepted - WarmUp} |");
        if (sent != emails || sendGrid.Accepted != WarmUp + emails)
        {
            Console.Error.WriteLine($"email: expected {emails} e-mails sent and accepted; a benchmark that sends less measures nothing.");
            return 1;
        }

        return 0;
    }

    private static async Task<TimeSpan> RawInsertsAsync(int rows, int concurrency)
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(TestStorage.NewPrefix() + "RawInserts");
        await table.CreateIfNotExistsAsync();
        try
        {
            Task Insert(int i) => table.AddEntityAsync(new TableEntity(CustomerKey.FromEmail($"raw{i}@example.com").Value, "send-" + i.ToString(CultureInfo.InvariantCulture))
            {
                ["Status"] = "Sent",
                ["QueuedAt"] = Now,
                ["TemplateId"] = "winback-1",
            });
            await Measure.RunAsync(WarmUp, concurrency, i => Insert(rows + i));
            var (elapsed, _) = await Measure.RunAsync(rows, concurrency, Insert);
            return elapsed;
        }
        finally
        {
            await table.DeleteAsync();
        }
    }

    private static async Task<CustomerKey[]> AddCustomersAsync(TestServices services, int count, int concurrency)
    {
        var customers = new CustomerKey[count];
        var profiles = services.Get<IProfileStore>();
        await Measure.RunAsync(count, concurrency, async i =>
        {
            var email = $"bench{i:00000}@example.jp";
            customers[i] = CustomerKey.FromEmail(email);
            await profiles.TryAddAsync(
                CustomerProfile.Empty(customers[i]) with
                {
                    Email = email,
                    FirstName = "Bench",
                    AcceptsMarketing = true,
                    TimeZone = "Asia/Tokyo",
                    OrderCount = 1,
                    Products = [new ProductPurchase("beans-house", "House Blend 200g", 1, Now.AddDays(-61))],
                },
                default);
        });
        return customers;
    }
}
