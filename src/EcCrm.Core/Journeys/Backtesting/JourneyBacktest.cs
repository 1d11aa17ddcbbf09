using System.Collections.Concurrent;
using System.Globalization;
using EcCrm.Core.Analytics;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Simulation;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Journeys.Backtesting;

/// <summary>
/// Replays a journey, published or not, against the shop's real history: every customer's orders as stored, their consent,
/// their suppressions and the marketing e-mail other journeys really sent them (which counts toward the frequency cap), run
/// through the simulator (the hosts' entry rules and runtime) with the shop's settings, as if the journey had been
/// published at the start of the period. Customers' reactions to e-mail are not known, so waits for them time out; the
/// orders they placed are their real orders, so the entrants who ordered within the goal window did so without the
/// journey: the baseline it has to beat. History is read in bulk (<see cref="IShopHistory"/>); customers are replayed on
/// every core.
/// </summary>
public sealed class JourneyBacktest(IShopHistory history, IOptions<SweepOptions> sweep, IOptions<ShopOptions> shop, TimeProvider time)
{
    public const int DefaultDays = 90;

    /// <summary>The most days one backtest replays.</summary>
    public const int MaxDays = 366;

    public const double DefaultUplift = 0.02;

    /// <summary>The holdout share assumed for a journey that has none, to say what one would need.</summary>
    public const double AssumedHoldoutShare = 0.10;

    /// <summary>The days a request asks for, in the shop's zone, and what is wrong with them (<c>null</c> when nothing is).</summary>
    public (DateOnly From, DateOnly To, string? Problem) Days(BacktestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = TimeZones.DateIn(time.GetUtcNow(), shop.Value.TimeZone);
        var to = request.To ?? today;
        var from = request.From ?? to.AddDays(1 - DefaultDays);
        var problem = from > to ? $"The period starts ({from:yyyy-MM-dd}) after it ends ({to:yyyy-MM-dd})."
            : to > today ? $"The period ends on {to:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}): history only goes up to now."
            : to.DayNumber - from.DayNumber + 1 > MaxDays ? $"The period is {to.DayNumber - from.DayNumber + 1} days; a backtest replays at most {MaxDays}."
            : request.Uplift is <= 0 or >= 1 ? string.Create(CultureInfo.InvariantCulture, $"The uplift to detect must be between 0 and 1 (0.02 is two points), not {request.Uplift}.")
            : null;
        return (from, to, problem);
    }

    public async Task<BacktestReport> RunAsync(JourneyDefinition journey, BacktestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var (fromDate, toDate, problem) = Days(request);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        var zone = shop.Value.TimeZone;
        var now = time.GetUtcNow();
        var from = TimeZones.ToInstant(fromDate.ToDateTime(TimeOnly.MinValue), zone);
        var end = TimeZones.ToInstant(toDate.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var to = end < now ? end : now;
        var capDays = journey.SendPolicy.FrequencyCap?.PerDays ?? 0;
        var shopHistory = await history.ReadAsync(from.AddDays(-capDays), cancellationToken).ConfigureAwait(false);
        var settings = new SimulationSettings(zone, null, sweep.Value);
        var tally = new ConcurrentBag<(BacktestEntrant Entrant, IReadOnlyList<SimulationEvent> Events)>();

        Parallel.ForEach(shopHistory.Profiles, new ParallelOptions { CancellationToken = cancellationToken }, profile =>
        {
            var orders = shopHistory.Orders.GetValueOrDefault(profile.Key) ?? [];
            var timeline = new CustomerTimeline
            {
                Customer = Contact(profile),
                Orders = [.. orders.OrderBy(order => order.PlacedAt)],
                OtherSends = shopHistory.MarketingSends.GetValueOrDefault(profile.Key) ?? [],
                Suppressions = shopHistory.Suppressions.GetValueOrDefault(profile.Key) ?? [],
                From = from,
                Until = to,
            };
            var result = JourneySimulator.Run(journey, timeline, settings);
            foreach (var (enrollment, number) in result.Enrollments.Select((enrollment, index) => (enrollment, index + 1)))
            {
                var ordered = journey.Goal is { } goal && goal.EndsAt(enrollment.EnteredAt) <= now
                    ? orders.Any(order => order.CountsAsPurchase && order.PlacedAt > enrollment.EnteredAt && order.PlacedAt <= goal.EndsAt(enrollment.EnteredAt))
                    : (bool?)null;
                var entrant = new BacktestEntrant(profile.Key, profile.Email, enrollment.EnteredAt, enrollment.Group, enrollment.EmailsSent, ordered);
                tally.Add((entrant, [.. result.Events.Where(e => e.Enrollment == number)]));
            }
        });

        return Report(journey, from, to, shopHistory, [.. tally.OrderBy(item => item.Entrant.EnteredAt).ThenBy(item => item.Entrant.Customer.Value, StringComparer.Ordinal)], request.Uplift);
    }

    private BacktestReport Report(
        JourneyDefinition journey, DateTimeOffset from, DateTimeOffset to, ShopHistory shopHistory, List<(BacktestEntrant Entrant, IReadOnlyList<SimulationEvent> Events)> entries, double uplift)
    {
        var zone = shop.Value.TimeZone;
        var byDay = entries
            .GroupBy(entry => TimeZones.DateIn(entry.Entrant.EnteredAt, zone))
            .OrderBy(day => day.Key)
            .Select(day => new BacktestDay(day.Key, day.Count(), day.Count(entry => entry.Entrant.Group == EnrollmentGroup.Holdout)))
            .ToList();
        var notes = new List<string>();
        BacktestBaseline? baseline = null;
        if (journey.Goal is { } goal)
        {
            var measured = entries.Where(entry => entry.Entrant.OrderedWithinGoal is not null).ToList();
            baseline = new BacktestBaseline(goal.OrderWithinDays, measured.Count, measured.Count(entry => entry.Entrant.OrderedWithinGoal == true), entries.Count - measured.Count);
        }
        else
        {
            notes.Add("The journey has no goal, so there is no conversion to compare: add \"goal\": { \"orderWithinDays\": 30 } to measure it.");
        }

        var holdoutShare = journey.Entry.Holdout is { Percent: > 0 } holdout ? holdout.Percent / 100d : AssumedHoldoutShare;
        if (journey.Entry.Holdout is not { Percent: > 0 })
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"The journey holds nobody out, so its effect cannot be measured; the entries needed are for a holdout of {AssumedHoldoutShare:P0}."));
        }

        var needs = baseline?.Rate is { } rate ? Statistics.SampleSizeForUplift(rate, uplift, holdoutShare) : null;
        var perDay = entries.Count / Math.Max(1, (to - from).TotalDays);
        double? daysNeeded = needs is not null && perDay > 0 ? needs.TotalEntries / perDay : null;
        if (journey.Entry.Trigger is EventTrigger)
        {
            notes.Add("Shop events (views, carts, checkouts, searches) are not part of the history a backtest replays, so nobody enters a journey on them here; the simulator shows one customer's story with events.");
        }

        if (journey.Entry.Trigger is OrderPlacedTrigger)
        {
            notes.Add("Entries on an order count the orders that arrived within two days of being placed, as the hosts do; an import of old orders starts nothing.");
        }

        notes.Add("Reactions to e-mail are not known in history: waits for an open or a click time out.");
        return new BacktestReport(
            journey.Id,
            journey.Version,
            from,
            to,
            zone,
            shopHistory.Profiles.Count,
            shopHistory.OrderCount,
            entries.Count,
            entries.Count(entry => entry.Entrant.Group == EnrollmentGroup.Holdout),
            byDay,
            Nodes(journey, entries.Select(entry => entry.Events)),
            baseline,
            needs,
            daysNeeded,
            [.. entries.Select(entry => entry.Entrant)],
            notes);
    }

    /// <summary>Per send node: each e-mail sent, held back, still waiting at the end, or blocked (by the reason the decider gave).</summary>
    private static List<BacktestNode> Nodes(JourneyDefinition journey, IEnumerable<IReadOnlyList<SimulationEvent>> enrollments)
    {
        var nodes = journey.Nodes.OfType<SendNode>().ToDictionary(node => node.Id, node => (Sent: 0, Deferred: 0, Waiting: 0, Blocked: new Dictionary<string, int>(StringComparer.Ordinal)));
        foreach (var events in enrollments)
        {
            var deferred = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in events.Where(e => e.NodeId is not null && nodes.ContainsKey(e.NodeId)))
            {
                var node = nodes[e.NodeId!];
                switch (e.What)
                {
                    case "sent":
                        node.Sent++;
                        deferred.Remove(e.NodeId!);
                        break;
                    case "deferred":
                        node.Deferred += deferred.Add(e.NodeId!) ? 1 : 0;
                        break;
                    case "blocked":
                        var reason = e.Detail.Split(": ", 2) is [_, var why] ? why : e.Detail;
                        node.Blocked[reason] = node.Blocked.GetValueOrDefault(reason) + 1;
                        deferred.Remove(e.NodeId!);
                        break;
                }

                nodes[e.NodeId!] = node;
            }

            foreach (var waiting in deferred)
            {
                var node = nodes[waiting];
                node.Waiting++;
                nodes[waiting] = node;
            }
        }

        return [.. journey.Nodes.OfType<SendNode>().Select(send =>
            new BacktestNode(send.Id, send.Template, nodes[send.Id].Sent, nodes[send.Id].Deferred, nodes[send.Id].Waiting, nodes[send.Id].Blocked))];
    }

    /// <summary>The customer as they were before their first order: contact, consent, tags and attributes; the orders say the rest.</summary>
    private static CustomerProfile Contact(CustomerProfile profile) => CustomerProfile.Empty(profile.Key) with
    {
        Email = profile.Email,
        FirstName = profile.FirstName,
        LastName = profile.LastName,
        CountryCode = profile.CountryCode,
        Locale = profile.Locale,
        TimeZone = profile.TimeZone,
        TimeZoneSource = profile.TimeZoneSource,
        AcceptsMarketing = profile.AcceptsMarketing,
        Tags = profile.Tags,
        Attributes = profile.Attributes,
    };
}
