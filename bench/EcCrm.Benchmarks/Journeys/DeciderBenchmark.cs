using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Simulation;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Benchmarks.Journeys;

/// <summary>
/// The journey decider driven by the simulator: many customers through the win-back journey over 90 simulated days,
/// with entry evaluation, send policy, orders and e-mail reactions, independent customers on as many threads as the
/// machine has cores (<c>--threads</c>). Baseline in the same run, on one thread: the JSON round-trip of the enrollment
/// state that a runner pays on every decision (load the row, save it back).
/// </summary>
public sealed class DeciderBenchmark : IBenchmark
{
    private static readonly string[] Zones = ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney", "America/Los_Angeles", "Europe/London"];

    /// <summary>A shop in Berlin with the Server's default sweep (02:00 shop time).</summary>
    private static readonly SimulationSettings Settings = new("Europe/Berlin", "EUR", new Core.Journeys.Running.SweepOptions());

    public string Name => "decider";

    public string Description => "Win-back journey for many simulated customers over 90 days: customers/s, decisions/s and peak memory vs. a state JSON round-trip.";

    public Task<int> RunAsync(string[] args)
    {
        var enrollments = Option(args, "--enrollments", 100_000);
        var days = Option(args, "--days", 90);
        var threads = Math.Max(1, Option(args, "--threads", Environment.ProcessorCount));
        var read = JourneyParser.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", "winback.journey.json")));
        if (!read.IsValid)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, read.Errors));
            return Task.FromResult(1);
        }

        var journey = read.Definition;
        var from = new DateTimeOffset(2026, 2, 15, 0, 0, 0, TimeSpan.Zero);

        // Warm up the code paths (JIT, time zone data) before measuring.
        for (var i = 0; i < 20_000; i++)
        {
            JourneySimulator.Run(journey, Customer(i, from, days), Settings);
        }

        // Simulation and baseline alternate in rounds, so that both see the same load on a shared machine.
        const int rounds = 10;
        var baselineState = MidJourneyState(journey, from);
        var json = JsonSerializer.Serialize(baselineState, EcCrmJson.Options);
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var totals = new Totals();
        long decisions = 0;
        var clock = new Stopwatch();
        var baseline = new Stopwatch();
        var cpu = TimeSpan.Zero;
        using var process = Process.GetCurrentProcess();
        long allocatedByBaseline = 0;
        for (var round = 0; round < rounds; round++)
        {
            var decisionsBefore = totals.Decisions;
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            clock.Start();

            // Customers are independent: each simulation has its own state and shares only the immutable journey.
            Parallel.ForEach(
                Partitioner.Create(round * enrollments / rounds, (round + 1) * enrollments / rounds, 256),
                new ParallelOptions { MaxDegreeOfParallelism = threads },
                () => new Totals(),
                (range, _, local) =>
                {
                    for (var i = range.Item1; i < range.Item2; i++)
                    {
                        local.Add(JourneySimulator.Run(journey, Customer(i, from, days), Settings));
                    }

                    return local;
                },
                totals.Merge);

            clock.Stop();
            process.Refresh();
            cpu += process.TotalProcessorTime - cpuBefore;
            var roundDecisions = totals.Decisions - decisionsBefore;
            decisions += roundDecisions;

            // Baseline: the state of a win-back enrollment in the middle of the journey, serialised and read back once per decision.
            var before = GC.GetTotalAllocatedBytes(precise: true);
            baseline.Start();
            for (long i = 0; i < roundDecisions; i++)
            {
                var text = JsonSerializer.Serialize(baselineState, EcCrmJson.Options);
                baselineState = JsonSerializer.Deserialize<EnrollmentState>(text, EcCrmJson.Options)!;
            }

            baseline.Stop();
            allocatedByBaseline += GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore - allocatedByBaseline;
        process.Refresh();
        var peak = process.PeakWorkingSet64;

        var perSecond = decisions / clock.Elapsed.TotalSeconds;
        var baselinePerSecond = decisions / baseline.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            decider: win-back journey, {enrollments:N0} customers, {days} simulated days each ({(threads == 1 ? "single thread" : $"{threads} threads")})
              enrollments            {totals.Enrollments:N0} ({totals.Holdout:N0} holdout), {totals.Sends:N0} e-mails sent, {totals.Conversions:N0} conversions
              decisions              {decisions:N0} in {clock.Elapsed.TotalSeconds:0.00} s = {perSecond:N0} decisions/s, {enrollments / clock.Elapsed.TotalSeconds:N0} customers/s
              cpu time               {cpu.TotalMilliseconds * 1000 / enrollments:0.0} us per customer, all threads (what the machine's load changes least)
              allocated              {allocated / (double)decisions:N0} bytes per decision (simulator included)
              peak working set       {peak / 1024d / 1024d:N0} MiB
              baseline               state JSON round-trip ({json.Length} chars), single thread: {baselinePerSecond:N0} per s
              ratio                  one simulated decision costs {baselinePerSecond / perSecond:0.00}x one state JSON round-trip
            """));
        return Task.FromResult(0);
    }

    /// <summary>A customer who last ordered 55–74 days before the period, in one of six zones; some open, click, order or unsubscribe.</summary>
    private static CustomerTimeline Customer(int i, DateTimeOffset from, int days)
    {
        var random = new Random(i);
        var email = string.Create(CultureInfo.InvariantCulture, $"customer{i}@example.com");
        var zone = Zones[i % Zones.Length];
        var customer = new OrderCustomer { Email = email, TimeZone = zone, AcceptsMarketing = random.NextDouble() < 0.95 };
        var lastOrder = from.AddDays(-55 - random.Next(20)).AddMinutes(random.Next(24 * 60));
        var orders = new List<OrderRecord>
        {
            Order($"{i}-1", lastOrder.AddDays(-30 - random.Next(60)), customer),
            Order($"{i}-2", lastOrder, customer),
        };
        if (random.NextDouble() < 0.2)
        {
            orders.Add(Order($"{i}-3", from.AddDays(random.Next(days)).AddMinutes(random.Next(24 * 60)), customer));
        }

        var events = new List<TimelineEmailEvent>();
        if (random.NextDouble() < 0.4)
        {
            events.Add(new TimelineEmailEvent(EmailEventKind.Opened, "winback-1", new JourneyDuration(0, 3, 0), null));
        }

        if (random.NextDouble() < 0.25)
        {
            events.Add(new TimelineEmailEvent(EmailEventKind.Opened, "winback-2", new JourneyDuration(1, 0, 0), null));
        }

        if (random.NextDouble() < 0.03)
        {
            events.Add(new TimelineEmailEvent(EmailEventKind.Unsubscribed, "winback-2", new JourneyDuration(0, 2, 0), null));
        }

        return new CustomerTimeline
        {
            Customer = CustomerProfile.Empty(TestKeys.ForEmail(email)) with { Email = email, TimeZone = zone, AcceptsMarketing = customer.AcceptsMarketing },
            Orders = orders,
            EmailEvents = events,
            From = from,
            Days = days,
        };
    }

    private static OrderRecord Order(string id, DateTimeOffset at, OrderCustomer customer) => new()
    {
        Source = OrderSource.Generic,
        OrderId = id,
        Status = OrderStatus.Paid,
        PlacedAt = at,
        UpdatedAt = at,
        Currency = "EUR",
        Total = 40m,
        Customer = customer,
        Lines = [new OrderLine { ProductId = "beans-1kg", Title = "Espresso beans", Categories = ["coffee"], UnitPrice = 40m }],
    };

    private static EnrollmentState MidJourneyState(JourneyDefinition journey, DateTimeOffset from)
    {
        var profile = new JourneyProfile { TimeZone = "Europe/Berlin", OrderCount = 2, Revenue = 80m, LastOrderAt = from.AddDays(-60), AverageDaysBetweenOrders = 40 };
        var step = JourneyDecider.Decide(journey, EnrollmentState.NotStarted, new Started("winback-60:0123456789abcdef0123456789abcdef:1", EnrollmentGroup.Treatment, profile), from);
        step = JourneyDecider.Decide(journey, step.State, new EffectCompleted(step.State.SendKey!, new Sent(from)), from);
        step = JourneyDecider.Decide(journey, step.State, new TimerFired(step.State.TimerToken!), step.State.TimerAt!.Value);
        return JourneyDecider.Decide(journey, step.State, new EffectCompleted(step.State.SendKey!, new Sent(from.AddDays(5))), from.AddDays(5)).State;
    }

    /// <summary>What the simulated customers added up to, kept per thread and merged at the end of each round.</summary>
    private sealed class Totals
    {
        private readonly Lock gate = new();

        public long Decisions { get; private set; }

        public long Enrollments { get; private set; }

        public long Sends { get; private set; }

        public long Conversions { get; private set; }

        public long Holdout { get; private set; }

        public void Add(SimulationResult result)
        {
            Decisions += result.Decisions;
            foreach (var enrollment in result.Enrollments)
            {
                Enrollments++;
                Sends += enrollment.EmailsSent;
                Conversions += enrollment.ConvertedOrderId is null ? 0 : 1;
                Holdout += enrollment.Group == EnrollmentGroup.Holdout ? 1 : 0;
            }
        }

        public void Merge(Totals other)
        {
            lock (gate)
            {
                Decisions += other.Decisions;
                Enrollments += other.Enrollments;
                Sends += other.Sends;
                Conversions += other.Conversions;
                Holdout += other.Holdout;
            }
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
