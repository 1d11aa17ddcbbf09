using System.CommandLine;
using Spectre.Console;

namespace EcCrm.Cli.Journeys;

/// <summary><c>eccrm journeys validate|simulate|backtest</c>.</summary>
internal static class JourneyCommands
{
    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var journeys = new Command("journeys", "Check journey files and see what they would do for a customer.");
        journeys.Subcommands.Add(ValidateCommand.Create(console));
        journeys.Subcommands.Add(SimulateCommand.Create(console, settings));
        return journeys;
    }
}
