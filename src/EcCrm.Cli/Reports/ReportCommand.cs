using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Analytics;
using EcCrm.Core.Json;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EcCrm.Cli.Reports;

/// <summary>
/// <c>eccrm report journey &lt;id&gt;</c> and <c>eccrm report customers</c>: the reports in the terminal, as JSON, or as
/// CSV one table at a time (<c>--table</c>) or a file per table (<c>--out</c>). docs/reports.md defines every figure.
/// </summary>
public static class ReportCommand
{
    public const int UnknownTable = 2;

    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var csv = new Option<bool>("--csv") { Description = "Print one table as CSV (the summary unless --table names another)." };
        var table = new Option<string?>("--table") { Description = "The CSV table: for a journey summary, nodes, reasons or exits; for customers summary, cohorts or segments." };
        var output = new Option<string?>("--out") { Description = "Write every table as a CSV file of its own into this folder." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        var journeyId = new Argument<string>("journey") { Description = "The journey id, e.g. winback-60." };

        var journey = new Command("journey", "Funnel in journey order, why sends were blocked or deferred, conversion and revenue against the holdout with their intervals, per node and per version.") { journeyId, csv, table, output, json };
        journey.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var report = await services.GetRequiredService<ReportQueries>().JourneyAsync(parse.GetValue(journeyId)!, cancellationToken);
            if (report is null)
            {
                console.MarkupLine($"[red]No journey '{Markup.Escape(parse.GetValue(journeyId)!)}' is published.[/]");
                return 1;
            }

            return await MachineAsync(console, parse.GetValue(json) ? JsonSerializer.Serialize(report, EcCrmJson.Indented) : null, parse.GetValue(csv), parse.GetValue(table), parse.GetValue(output),
                ReportCsv.JourneyTables, name => ReportCsv.Journey(report, name), $"journey-{report.JourneyId}", cancellationToken)
                ?? Write(() => WriteJourney(console, report));
        });

        var customers = new Command("customers", "Repeat purchase rate, cohort retention and RFM segments.") { csv, table, output, json };
        customers.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var report = await services.GetRequiredService<ReportQueries>().CustomersAsync(cancellationToken);
            return await MachineAsync(console, parse.GetValue(json) ? JsonSerializer.Serialize(report, EcCrmJson.Indented) : null, parse.GetValue(csv), parse.GetValue(table), parse.GetValue(output),
                ReportCsv.CustomerTables, name => ReportCsv.Customers(report, name), "customers", cancellationToken)
                ?? Write(() => WriteCustomers(console, report));
        });

        return new Command("report", "Print what journeys did and how customers buy again.") { journey, customers };
    }

    /// <summary>JSON, one CSV table, or a CSV file per table; <c>null</c> when the terminal report is wanted.</summary>
    private static async Task<int?> MachineAsync(
        IAnsiConsole console, string? json, bool csv, string? table, string? folder, IReadOnlyList<string> tables, Func<string, string?> csvOf, string fileStem, CancellationToken cancellationToken)
    {
        if (json is not null)
        {
            Print(console, json);
            return 0;
        }

        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            foreach (var name in tables)
            {
                var file = Path.Combine(folder, $"{fileStem}-{name}.csv");
                await File.WriteAllTextAsync(file, csvOf(name), cancellationToken);
                console.MarkupLine($"[grey]{Markup.Escape(file)}[/]");
            }

            return 0;
        }

        if (!csv && table is null)
        {
            return null;
        }

        if (csvOf(table ?? ReportCsv.Summary) is not { } text)
        {
            console.MarkupLine($"[red]There is no table '{Markup.Escape(table!)}': use {string.Join(", ", tables)}.[/]");
            return UnknownTable;
        }

        Print(console, text);
        return 0;
    }

    private static void Print(IAnsiConsole console, string text)
    {
        console.Profile.Out.Writer.Write(text);
        console.Profile.Out.Writer.WriteLine();
    }

    private static int Write(Action write)
    {
        write();
        return 0;
    }

    private static void WriteJourney(IAnsiConsole console, JourneyReport report)
    {
        var currency = report.Currency;
        var f = report.Funnel;
        console.MarkupLine($"[bold]{Markup.Escape(report.JourneyId)}[/]: {ReportText.Number(f.Entered)} entered, {ReportText.Number(f.HeldOut)} held out. {Markup.Escape(ReportText.AmountsIn(currency))}");
        console.MarkupLine(Markup.Escape(ReportText.Progress(report)));
        if (ReportText.Recovery(report) is { } recovery)
        {
            console.MarkupLine(Markup.Escape(recovery));
        }

        var goal = report.GoalDays is { } days ? $"goal order within {days} days, clicked or not" : "goal order";
        var funnel = new List<IReadOnlyList<string>> { new[] { "Entered", string.Empty, ReportText.Number(f.Entered), string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty } };
        foreach (var send in report.Nodes.Where(node => node.Type == "send" || (node.Type is null && node.Sent > 0)))
        {
            funnel.Add([send.NodeId, send.Template ?? string.Empty, ReportText.Number(send.Reached), ReportText.Number(send.Sent), ReportText.Number(send.Delivered), ReportText.Number(send.Opened), ReportText.Number(send.Clicked),
                Why(send.Blocked, send.BlockedBy), Why(send.Deferred, send.DeferredBy)]);
        }

        funnel.Add([$"Converted ({goal})", string.Empty, ReportText.Number(f.Converted), string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty]);
        TerminalTable.Write(console, "Funnel, in journey order", ["Step", "Template", "Customers", "Sent", "Delivered", "Opened", "Clicked", "Blocked (why)", "Deferred (why)"], funnel);

        if (!report.HasHoldout)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(ReportText.NoHoldout)}[/]");
            console.MarkupLine($"Converted {ReportText.Number(f.Converted)} of {ReportText.Number(f.Entered)} ({ReportText.Percent(report.Conversion.TreatmentRate)}); goal revenue {ReportText.Money(f.Revenue, currency)}.");
        }
        else
        {
            TerminalTable.Write(console, "Treatment against holdout", ["Figure", "Treatment", "Holdout", "Difference", $"{(int)Math.Round(report.Conversion.Confidence * 100)}% interval"], UpliftRows(report));
            console.MarkupLine(Markup.Escape(ReportText.Verdict(report)));
        }

        TerminalTable.Write(console, "Per version", ["Version", "Entered", "Held out", "Open", "Converted", "Holdout converted", "Revenue"],
            [.. report.Versions.Append(report).Select(line => (IReadOnlyList<string>)[
                line.Version?.ToString(CultureInfo.InvariantCulture) ?? "all", ReportText.Number(line.Funnel.Entered), ReportText.Number(line.Funnel.HeldOut),
                ReportText.Number(line.Progress.TreatmentOpen + line.Progress.HoldoutOpen), ReportText.Number(line.Funnel.Converted), ReportText.Number(line.Funnel.HoldoutConverted), ReportText.Money(line.Funnel.Revenue, currency)])]);

        TerminalTable.Write(console, "Per node, in journey order", ["Node", "Type", "Template", "Reached", "Sent", "Delivered", "Opened", "Clicked", "Deferred", "Blocked", "Branches", "Actions", "Exited here"],
            [.. report.Nodes.Select(n => (IReadOnlyList<string>)[
                n.NodeId, n.Type ?? "(older version)", n.Template ?? string.Empty, ReportText.Number(n.Reached), ReportText.Number(n.Sent), ReportText.Number(n.Delivered), ReportText.Number(n.Opened),
                ReportText.Number(n.Clicked), ReportText.Number(n.Deferred), ReportText.Number(n.Blocked), ReportText.Number(n.Branches), ReportText.Number(n.Actions), ReportText.Number(n.ExitedHere)])]);

        if (report.ExitReasons.Count > 0)
        {
            console.MarkupLine($"Exits: {Markup.Escape(ReportText.Reasons(report.ExitReasons.OrderByDescending(pair => pair.Value).ToDictionary()))}.");
        }
    }

    private static List<IReadOnlyList<string>> UpliftRows(JourneyReport report)
    {
        var (c, r, currency) = (report.Conversion, report.Revenue, report.Currency);
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { $"{ReportText.ConversionName(report)} rate", ReportText.Percent(c.TreatmentRate), ReportText.Percent(c.HoldoutRate), ReportText.Points(c.AbsoluteUplift), ReportText.UpliftInterval(c) },
            new[] { "Relative uplift", string.Empty, string.Empty, c.RelativeUplift is { } relative ? ReportText.Percent(relative) : "-", c.RelativeUpliftInterval is { } ri ? ReportText.PercentInterval(ri) : "no conversions in a group yet" },
        };
        if (report.FinishedConversion is { } d)
        {
            rows.Add([$"{ReportText.ConversionName(report)} rate, goal window over", ReportText.Percent(d.TreatmentRate), ReportText.Percent(d.HoldoutRate), ReportText.Points(d.AbsoluteUplift), ReportText.UpliftInterval(d)]);
        }

        rows.Add(["Revenue per customer", ReportText.Money(r.TreatmentPerCustomer, currency), ReportText.Money(r.HoldoutPerCustomer, currency), ReportText.Money(r.DifferencePerCustomer, currency), ReportText.MoneyInterval(r.DifferenceInterval, currency)]);
        rows.Add([$"Incremental {ReportText.RevenueName(report)}", string.Empty, string.Empty, ReportText.Money(r.IncrementalRevenue, currency), ReportText.MoneyInterval(r.IncrementalRevenueInterval, currency)]);
        if (r.CouponCost is { } cost)
        {
            rows.Add([$"Incremental revenue net of coupons (cost {ReportText.Money(cost, currency)})", string.Empty, string.Empty, ReportText.Money(r.IncrementalRevenueNetOfCoupons!.Value, currency), ReportText.MoneyInterval(r.IncrementalRevenueNetOfCouponsInterval, currency)]);
        }

        return rows;
    }

    private static string Why(int count, IReadOnlyDictionary<string, int> reasons) =>
        count == 0 ? "0" : $"{ReportText.Number(count)}: {ReportText.Reasons(reasons)}";

    private static void WriteCustomers(IAnsiConsole console, CustomerReport report)
    {
        console.MarkupLine($"[bold]{report.Customers:N0}[/] customers, [bold]{report.RepeatCustomers:N0}[/] bought again: repeat purchase rate [bold]{ReportText.Percent(report.RepeatPurchaseRate)}[/].");
        var width = report.Cohorts.Count == 0 ? 0 : report.Cohorts.Max(c => c.Retention.Count);
        TerminalTable.Write(console, "Retention by first-order month", ["Cohort", "Customers", .. Enumerable.Range(0, width).Select(month => $"M{month}")],
            [.. report.Cohorts.Select(cohort => (IReadOnlyList<string>)[cohort.Cohort, ReportText.Number(cohort.Customers), .. Enumerable.Range(0, width).Select(m => m < cohort.Retention.Count ? ReportText.Percent(cohort.Retention[m]) : string.Empty)])]);
        TerminalTable.Write(console, "RFM segments", ["Segment", "Now", "30 days ago"],
            [.. report.Segments.Keys.Union(report.SegmentsBefore.Keys).Order().Select(segment => (IReadOnlyList<string>)[segment.ToString(), ReportText.Number(report.Segments.GetValueOrDefault(segment)), ReportText.Number(report.SegmentsBefore.GetValueOrDefault(segment))])]);
    }
}
