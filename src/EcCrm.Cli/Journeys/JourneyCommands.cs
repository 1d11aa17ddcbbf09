using System.CommandLine;
using Spectre.Console;

namespace EcCrm.Cli.Journeys;

/// <summary><c>eccrm journeys validate|simulate|backtest|resume</c>.</summary>
internal static class JourneyCommands
{
    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var journeys = new Command("journeys", "Check journey files, see what they would do for a customer, what they would have done to the shop's customers; resume a paused one.");
        journeys.Subcommands.Add(ValidateCommand.Create(console));
        journeys.Subcommands.Add(SimulateCommand.Create(console, settings));
        journeys.Subcommands.Add(BacktestCommand.Create(console, settings));
        journeys.Subcommands.Add(ResumeCommand.Create(console, settings));
        return journeys;
    }
}
