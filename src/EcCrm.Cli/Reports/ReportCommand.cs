using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Analytics;
using EcCrm.Core.Json;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EcCrm.Cli.Reports;

/// <summary><c>eccrm report journey &lt;id&gt;</c> and <c>eccrm report customers</c>: the reports in the terminal, or as CSV or JSON.</summary>
public static class ReportCommand
{
    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var csv = new Option<bool>("--csv") { Description = "Print CSV instead of tables." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        var journeyId = new Argument<string>("journey") { Description = "The journey id, e.g. winback-60." };

        var journey = new Command("journey", "Funnel, conversion and uplift against the holdout, per version and per node.") { journeyId, csv, json };
        journey.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var report = await services.GetRequiredService<ReportQueries>().JourneyAsync(parse.GetValue(journeyId)!, cancellationToken);
            if (report is null)
            {
                console.MarkupLine($"[red]No journey '{Markup.Escape(parse.GetValue(journeyId)!)}' is published.[/]");
                return 1;
            }

            if (Machine(console, parse.GetValue(csv) ? ReportCsv.Journey(report) : parse.GetValue(json) ? JsonSerializer.Serialize(report, EcCrmJson.Indented) : null))
            {
                return 0;
            }

            WriteJourney(console, report);
            return 0;
        });

        var customers = new Command("customers", "Repeat purchase rate, cohort retention and RFM segments.") { csv, json };
        customers.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var report = await services.GetRequiredService<ReportQueries>().CustomersAsync(cancellationToken);
            if (Machine(console, parse.GetValue(csv) ? ReportCsv.Customers(report) : parse.GetValue(json) ? JsonSerializer.Serialize(report, EcCrmJson.Indented) : null))
            {
                return 0;
            }

            WriteCustomers(console, report);
            return 0;
        });

        return new Command("report", "Print what journeys did and how customers buy again.") { journey, customers };
    }

    private static bool Machine(IAnsiConsole console, string? text)
    {
        if (text is null)
        {
            return false;
        }

        console.Profile.Out.Writer.Write(text);
        console.Profile.Out.Writer.WriteLine();
        return true;
    }

    private static void WriteJourney(IAnsiConsole console, JourneyReport report)
    {
        var funnel = new Table().Title($"{report.JourneyId}: funnel").AddColumns("Version", "Entered", "Held out", "Reached", "Sent", "Delivered", "Opened", "Clicked", "Converted", "Holdout conv.", "Revenue");
        foreach (var line in report.Versions.Append(report))
        {
            var f = line.Funnel;
            funnel.AddRow(line.Version?.ToString(CultureInfo.InvariantCulture) ?? "[bold]all[/]", N(f.Entered), N(f.HeldOut), N(f.Reached), N(f.Sent), N(f.Delivered), N(f.Opened), N(f.Clicked), N(f.Converted), N(f.HoldoutConverted), f.Revenue.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(funnel);
        var c = report.Conversion;
        var uplift = new Table().Title("Treatment against holdout").AddColumns("", "Treatment", "Holdout", "Difference", "95% interval");
        uplift.AddRow("Conversion rate", P(c.TreatmentRate), P(c.HoldoutRate), P(c.AbsoluteUplift), $"{P(c.AbsoluteUpliftInterval.Low)} to {P(c.AbsoluteUpliftInterval.High)}");
        if (c.RelativeUplift is { } relative && c.RelativeUpliftInterval is { } relativeInterval)
        {
            uplift.AddRow("Relative uplift", string.Empty, string.Empty, P(relative), $"{P(relativeInterval.Low)} to {P(relativeInterval.High)}");
        }

        var r = report.Revenue;
        uplift.AddRow("Revenue per customer", M(r.TreatmentPerCustomer), M(r.HoldoutPerCustomer), M(r.DifferencePerCustomer), r.DifferenceInterval is { } i ? $"{i.Low:N0} to {i.High:N0}" : "-");
        uplift.AddRow("Incremental revenue", string.Empty, string.Empty, M(r.IncrementalRevenue), r.IncrementalRevenueInterval is { } j ? $"{j.Low:N0} to {j.High:N0}" : "-");
        console.Write(uplift);
        console.MarkupLine(c.Note is { } note ? $"[yellow]{Markup.Escape(note)}[/]"
            : c.IsSignificant ? $"[green]The difference is significant at 95% (p = {c.PValue:0.000}).[/]"
            : $"Not significant at 95% (p = {c.PValue:0.000}): the interval includes no change.");

        var nodes = new Table().Title("Per node").AddColumns("Node", "Sent", "Delivered", "Opened", "Clicked", "Deferred", "Blocked", "Branches", "Actions", "Exited here");
        foreach (var n in report.Nodes)
        {
            nodes.AddRow(Markup.Escape(n.NodeId), N(n.Sent), N(n.Delivered), N(n.Opened), N(n.Clicked), N(n.Deferred), N(n.Blocked), N(n.Branches), N(n.Actions), N(n.ExitedHere));
        }

        console.Write(nodes);
    }

    private static void WriteCustomers(IAnsiConsole console, CustomerReport report)
    {
        console.MarkupLine($"[bold]{report.Customers:N0}[/] customers, [bold]{report.RepeatCustomers:N0}[/] bought again: repeat purchase rate [bold]{P(report.RepeatPurchaseRate)}[/].");
        var cohorts = new Table().Title("Retention by first-order month").AddColumn("Cohort").AddColumn("Customers");
        var width = report.Cohorts.Count == 0 ? 0 : report.Cohorts.Max(c => c.Retention.Count);
        for (var month = 0; month < width; month++)
        {
            cohorts.AddColumn($"M{month}");
        }

        foreach (var cohort in report.Cohorts)
        {
            cohorts.AddRow([cohort.Cohort, N(cohort.Customers), .. Enumerable.Range(0, width).Select(m => m < cohort.Retention.Count ? P(cohort.Retention[m]) : string.Empty)]);
        }

        console.Write(cohorts);
        var segments = new Table().Title("RFM segments").AddColumns("Segment", "Now", "30 days ago");
        foreach (var segment in report.Segments.Keys.Union(report.SegmentsBefore.Keys).Order())
        {
            segments.AddRow(segment.ToString(), N(report.Segments.GetValueOrDefault(segment)), N(report.SegmentsBefore.GetValueOrDefault(segment)));
        }

        console.Write(segments);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string P(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string M(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);
}
