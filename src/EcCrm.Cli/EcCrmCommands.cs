using System.CommandLine;
using EcCrm.Cli.Customers;
using EcCrm.Cli.Demo;
using EcCrm.Cli.Hosting;
using EcCrm.Cli.Journeys;
using EcCrm.Cli.Poison;
using EcCrm.Cli.Reports;
using EcCrm.Cli.Runs;
using EcCrm.Cli.Sweep;
using EcCrm.Cli.Templates;
using Spectre.Console;

namespace EcCrm.Cli;

/// <summary>The <c>eccrm</c> command tree. Each area adds its command here.</summary>
public static class EcCrmCommands
{
    /// <param name="console">Where commands write (a test console in tests).</param>
    /// <param name="settings">Settings that override the environment (tests use them to point at their own storage).</param>
    public static RootCommand CreateRoot(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var root = new RootCommand("eccrm: validate and simulate journeys, seed demo data, replay poison messages, print reports, look after journey runs, export and erase customers.")
        {
            JourneyCommands.Create(console, settings),
            SeedCommand.Create(console, settings),
            DemoCommands.Create(console, settings),
            PoisonCommand.Create(console, settings),
            ReportCommand.Create(console, settings),
            TemplateCommands.Create(console, settings),
            RunCommands.Create(console, settings),
            SweepCommands.Create(console, settings),
            CustomerCommands.Create(console, settings),
        };
        return root;
    }

    /// <summary>
    /// Runs a command line. A missing setting or storage that does not answer is said in a line with what to do
    /// (<see cref="CliFailures"/>), not as a stack trace; other exceptions propagate.
    /// </summary>
    public static async Task<int> InvokeAsync(IAnsiConsole console, string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        try
        {
            return await CreateRoot(console, settings).Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            if (CliFailures.Report(console, ex) is { } exitCode)
            {
                return exitCode;
            }

            throw;
        }
    }
}
