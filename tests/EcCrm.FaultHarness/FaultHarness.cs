using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Testing;

namespace EcCrm.FaultHarness;

/// <summary>
/// Customers go through a three-e-mail win-back on the Server while it is killed again and again; afterwards every
/// e-mail the journey owes is looked for at the (fake) provider, by its idempotency key.
/// </summary>
public static class FaultHarness
{
    /// <summary>
    /// How long ago the customers last ordered: their orders are all in storage well before the sweep reaches their day
    /// (the win-back enters after 60 days, ten simulated days later), as with orders that came in when they were placed.
    /// </summary>
    private const double InactiveFor = 50;
    private static readonly string[] Sends = ["email-1", "email-2", "email-3"];

    public static async Task<FaultReport> RunAsync(HarnessOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var elapsed = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var prefix = TestStorage.NewPrefix();
        var journeys = CopyJourney(prefix);
        using var eventKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var sendGrid = await FakeSendGrid.StartAsync();
        var faults = 0;
        sendGrid.Faults = _ =>
        {
            lock (random)
            {
                if (random.NextDouble() >= options.ProviderFaults)
                {
                    return SendGridFault.None;
                }

                faults++;
                return (SendGridFault)(1 + random.Next(4));
            }
        };
        var realOrigin = DateTimeOffset.UtcNow;
        var simulatedOrigin = new DateTimeOffset(realOrigin.Year, realOrigin.Month, realOrigin.Day, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset SimulatedNow() => simulatedOrigin + ((DateTimeOffset.UtcNow - realOrigin) * options.TimeFactor);
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var settings = new Dictionary<string, string>(TestSettings.For(prefix).Where(setting => setting.Value is not null).ToDictionary(setting => setting.Key, setting => setting.Value!))
        {
            ["Journeys:Folder"] = journeys,
            ["SendGrid:ApiKey"] = "SG.fault-harness",
            ["SendGrid:Host"] = sendGrid.Url.ToString(),
            ["SendGrid:RetryBaseDelay"] = "00:00:00.050",
            ["SendGrid:MaxRetries"] = "1",
            ["SendGrid:Timeout"] = "00:00:01",
            ["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(eventKey.ExportSubjectPublicKeyInfo()),

            // Real-time windows, shortened so a run of minutes covers them: an unconfirmed send waits 5 s for
            // SendGrid's events before it is sent again; a refused one is asked again after 1 s, doubling to 5 s.
            ["Delivery:ReconciliationWindow"] = "00:00:05",
            ["Delivery:InFlightAllowance"] = "00:00:03",
            ["Delivery:ProviderRetryFirst"] = "00:00:01",
            ["Delivery:ProviderRetryMax"] = "00:00:05",
            ["JourneyRuns:FirstRetryInterval"] = "00:00:01",
            ["JourneyRuns:MaxRetryInterval"] = "00:00:05",
            ["JourneyRuns:ActivityAttempts"] = "20",
            ["TimeScale:Factor"] = options.TimeFactor.ToString(CultureInfo.InvariantCulture),
            ["TimeScale:RealOrigin"] = realOrigin.ToString("O"),
            ["TimeScale:SimulatedOrigin"] = simulatedOrigin.ToString("O"),
            ["Durable:WorkerId"] = "fault-harness",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };

        var server = new ServerProcess(settings, url, log);
        await using var events = new SendGridEvents(url, eventKey);
        sendGrid.OnAccepted = events.Taken;
        var recoveries = new List<TimeSpan>();
        var serverErrors = 0;
        try
        {
            log.WriteLine($"Starting the Server ({ServerProcess.ServerDll()}) on {url} with task hub {prefix}EcCrmServer.");
            await server.StartAsync(cancellationToken);
            events.Start();
            var seededAt = SimulatedNow();
            serverErrors += await SeedAsync(url, options.Customers, SimulatedNow, cancellationToken);
            var storage = new TableServiceClient(Azurite.ConnectionString);
            await IngestedAsync(storage.GetTableClient(prefix + "Orders"), options.Customers, seededAt.AddDays(60 - InactiveFor), SimulatedNow, cancellationToken);
            log.WriteLine($"{options.Customers} customers ordered {InactiveFor} simulated days ago, all stored; the daily sweep enrolls them {60 - InactiveFor} simulated days after that.");

            // Kills fall while the customers enter and the e-mails go out (about three simulated weeks after entry).
            var window = TimeSpan.FromDays(60 - InactiveFor + 20) / options.TimeFactor;
            var kills = Enumerable.Range(0, options.Kills).Select(_ => window * random.NextDouble()).Order().ToList();
            var since = Stopwatch.StartNew();
            var enrollmentsTable = new TableServiceClient(Azurite.ConnectionString).GetTableClient(prefix + "Enrollments");
            foreach (var at in kills)
            {
                if (at > since.Elapsed)
                {
                    await Task.Delay(at - since.Elapsed, cancellationToken);
                }

                await server.KillAsync();
                var killedAt = DateTimeOffset.UtcNow;
                var restart = Stopwatch.StartNew();
                await server.StartAsync(cancellationToken);
                var resumed = await ResumedAsync(enrollmentsTable, killedAt, restart, cancellationToken);
                recoveries.Add(resumed);
                log.WriteLine($"Killed the Server at {since.Elapsed.TotalSeconds:0.0} s; a run moved on again {resumed.TotalSeconds:0.0} s after the kill.");
            }

            var corpus = await MalformedCorpus.RunAsync(url, eventKey, cancellationToken);
            foreach (var (request, status) in corpus)
            {
                log.WriteLine($"  {(int)status} {status}: {request}");
            }

            serverErrors += corpus.Count(answer => answer.Status == HttpStatusCode.InternalServerError);
            var enrollments = await WaitForRunsAsync(storage.GetTableClient(prefix + "Enrollments"), options, log, cancellationToken);
            await events.DrainAsync(TimeSpan.FromSeconds(30));
            var lost = await LostAsync(storage, new QueueServiceClient(Azurite.ConnectionString), prefix, options.Customers, log, cancellationToken);
            return Count(options, enrollments, sendGrid, faults, corpus.Count, serverErrors + events.ServerErrors, lost, server.Crashes, recoveries, elapsed.Elapsed);
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(journeys, recursive: true);
        }
    }

    /// <summary>
    /// Waits until every seeded order is in storage, which must happen before the sweep reaches their day: the sweep
    /// reads each day's customers once, as in a shop whose orders arrive when they are placed.
    /// </summary>
    private static async Task IngestedAsync(TableClient orders, int expected, DateTimeOffset due, Func<DateTimeOffset> simulatedNow, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stored = 0;
            await foreach (var _ in orders.QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: cancellationToken))
            {
                stored++;
            }

            if (stored >= expected)
            {
                return;
            }

            if (simulatedNow() >= due)
            {
                throw new InvalidOperationException($"Only {stored} of {expected} orders were stored before the sweep reached their day: the machine is too busy for this clock (lower --time-factor).");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>
    /// How long after a kill the restarted Server moved a run on again (an enrollment saved a step): work that was due
    /// meanwhile waited that long. At the harness's fast clock some run is always due within seconds.
    /// </summary>
    private static async Task<TimeSpan> ResumedAsync(TableClient enrollments, DateTimeOffset killedAt, Stopwatch sinceKill, CancellationToken cancellationToken)
    {
        var deadline = TimeSpan.FromMinutes(3);
        while (sinceKill.Elapsed < deadline)
        {
            await foreach (var row in enrollments.QueryAsync<TableEntity>(select: ["Timestamp"], cancellationToken: cancellationToken))
            {
                if (row.Timestamp > killedAt)
                {
                    return sinceKill.Elapsed;
                }
            }

            await Task.Delay(250, cancellationToken);
        }

        return sinceKill.Elapsed;
    }

    private static async Task<List<(string Id, string Status)>> WaitForRunsAsync(TableClient table, HarnessOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var runs = new List<(string Id, string Status)>();
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey", "Status"], cancellationToken: cancellationToken))
            {
                runs.Add((row.RowKey, row.GetString("Status") ?? string.Empty));
            }

            var unfinished = runs.Count(run => run.Status is not (nameof(EnrollmentStatus.Completed) or nameof(EnrollmentStatus.Exited)));
            if ((runs.Count >= options.Customers && unfinished == 0) || deadline.Elapsed > options.Timeout)
            {
                return runs;
            }

            log.WriteLine($"  {runs.Count - unfinished} of {options.Customers} runs finished");
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }
    }

    /// <summary>
    /// Orders the webhook accepted that are not in storage, and messages on any poison queue: nothing accepted may be
    /// dropped, and nothing in this run should have failed for good.
    /// </summary>
    private static async Task<int> LostAsync(TableServiceClient tables, QueueServiceClient queues, string prefix, int customers, TextWriter log, CancellationToken cancellationToken)
    {
        var orders = 0;
        await foreach (var _ in tables.GetTableClient(prefix + "Orders").QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: cancellationToken))
        {
            orders++;
        }

        var poisoned = 0;
        await foreach (var queue in queues.GetQueuesAsync(prefix: prefix, cancellationToken: cancellationToken))
        {
            if (queue.Name.EndsWith("-poison", StringComparison.Ordinal))
            {
                var count = (await queues.GetQueueClient(queue.Name).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
                if (count > 0)
                {
                    log.WriteLine($"  {count} message(s) on {queue.Name}");
                }

                poisoned += count;
            }
        }

        // The seeded customers' orders, and the corpus's one valid order (delivered twice, kept once).
        return Math.Max(0, customers + 1 - orders) + poisoned;
    }

    private static FaultReport Count(
        HarnessOptions options,
        List<(string Id, string Status)> runs,
        FakeSendGrid sendGrid,
        int faults,
        int badRequests,
        int serverErrors,
        int lost,
        int crashes,
        List<TimeSpan> recoveries,
        TimeSpan elapsed)
    {
        var accepted = sendGrid.AcceptedMails
            .Select(request => (string?)request.Body["personalizations"]?[0]?["custom_args"]?["idempotency_key"] ?? (string?)request.Body["custom_args"]?["idempotency_key"])
            .OfType<string>()
            .GroupBy(key => key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var expected = runs.SelectMany(run => Sends.Select(node => $"{run.Id}:{node}:1")).ToList();
        return new FaultReport(
            options.Customers,
            options.Kills,
            runs.Count,
            expected.Count,
            expected.Count(key => accepted.GetValueOrDefault(key) == 1),
            expected.Count(key => accepted.GetValueOrDefault(key) > 1),
            expected.Count(key => !accepted.ContainsKey(key)),
            runs.Count(run => run.Status is not (nameof(EnrollmentStatus.Completed) or nameof(EnrollmentStatus.Exited))),
            sendGrid.Requests.Count,
            faults,
            badRequests,
            serverErrors,
            lost,
            crashes,
            elapsed,
            recoveries);
    }

    /// <summary>Posts the customers' orders; how many answers were 500.</summary>
    private static async Task<int> SeedAsync(Uri server, int customers, Func<DateTimeOffset> simulatedNow, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server };
        var serverErrors = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, customers), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var email = $"harness{i:D5}@example.jp";
            var body = JsonSerializer.Serialize(new
            {
                orderId = $"{email}-1",
                status = "paid",
                placedAt = simulatedNow().AddDays(-InactiveFor),
                currency = "JPY",
                total = 3200,
                customer = new { email, firstName = "Test", acceptsMarketing = true },
                lines = new[] { new { productId = "tea-sencha", title = "Sencha 100g", quantity = 1, unitPrice = 3200 } },
            });
            var response = await http.SendAsync(SignedWebhooks.Generic(body), ct);
            if (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                Interlocked.Increment(ref serverErrors);
            }

            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"The order webhook answered {(int)response.StatusCode} for {email}.");
            }
        });
        return serverErrors;
    }

    /// <summary>The sample win-back alone, everyone treated, with a three-day goal window so a run ends soon after its last e-mail.</summary>
    private static string CopyJourney(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), "eccrm-fault-harness", prefix);
        var templates = RepositoryRoot.Combine("journeys", "templates");
        foreach (var file in Directory.EnumerateFiles(templates, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, "templates", Path.GetRelativePath(templates, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var journey = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", "winback.journey.json")))!;
        journey["entry"]!["holdout"]!["percent"] = 0;
        journey["goal"]!["orderWithinDays"] = 3;
        journey.AsObject().Remove("$schema");
        File.WriteAllText(Path.Combine(folder, "winback.journey.json"), journey.ToJsonString());
        return folder;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
