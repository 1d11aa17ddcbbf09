using System.CommandLine;
using EcCrm.Cli.Journeys;
using Spectre.Console;

namespace EcCrm.Cli;

/// <summary>The <c>eccrm</c> command tree. Each area adds its command here.</summary>
public static class EcCrmCommands
{
    public static RootCommand CreateRoot(IAnsiConsole console)
    {
        var root = new RootCommand("eccrm: validate and simulate journeys, seed demo data, replay poison messages, print reports.");
        root.Subcommands.Add(JourneyCommands.Create(console));
        return root;
    }
}
