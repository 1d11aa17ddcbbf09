using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace EcCrm.Cli.Hosting;

/// <summary>
/// Failures a user can expect and fix (a setting missing, storage not running) said in a line each, with what to do,
/// and no stack trace. Anything else is a fault of eccrm and keeps its stack trace.
/// </summary>
public static class CliFailures
{
    /// <summary>The exit code of a command that could not run because of a setting or of storage.</summary>
    public const int NotConfigured = 78;

    public const string SettingsHint =
        "Set it in the environment (Section__Key, e.g. Shop__Name), or for the local demo run scripts/run.sh once (eccrm then reads " + CliSettings.RelativePath + ") or load it with: set -a; . scripts/demo.env; set +a";

    public const string StorageHint =
        "Start it with scripts/azurite.sh start run (scripts/run.sh does), or set Storage__ConnectionString to the storage to use.";

    /// <summary>Writes the failure and returns the exit code, or <c>null</c> when it is not one of the expected ones.</summary>
    public static int? Report(IAnsiConsole console, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(console);
        switch (Unwrap(exception))
        {
            case OptionsValidationException invalid:
                foreach (var failure in invalid.Failures)
                {
                    console.MarkupLine($"[red]{Markup.Escape(failure)}[/]");
                }

                console.MarkupLine($"[grey]{Markup.Escape(SettingsHint)}[/]");
                return NotConfigured;
            case var unreachable when StorageUnreachable.Is(unreachable):
                console.MarkupLine($"[red]Storage does not answer ({Markup.Escape(StorageUnreachable.Describe(unreachable))}).[/] {Markup.Escape(StorageHint)}");
                return NotConfigured;
            default:
                return null;
        }
    }

    /// <summary>Options that fail for several reasons may arrive as several exceptions of one kind.</summary>
    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: > 0 } aggregate && aggregate.InnerExceptions.All(inner => inner is OptionsValidationException)
            ? new OptionsValidationException(string.Empty, typeof(object), aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(invalid => invalid.Failures))
            : exception;
}
