using EcCrm.Core.Journeys.Validation;
using Spectre.Console;

namespace EcCrm.Cli.Journeys;

/// <summary>
/// What a valid journey may still get wrong (a coupon a template shows but no node creates): one line each under the
/// file's line, whole and unwrapped when the output is not a terminal (<c>⚠ file: path: sentence Fix: fix</c>).
/// </summary>
internal static class JourneyWarnings
{
    public static void Print(IAnsiConsole console, string file, IReadOnlyList<JourneyError> warnings)
    {
        foreach (var warning in warnings)
        {
            if (console.Profile.Out.IsTerminal)
            {
                var fix = warning.Fix is null ? string.Empty : $" [grey]{Markup.Escape(warning.Fix)}[/]";
                console.MarkupLine($"  [yellow]⚠ {Markup.Escape(warning.Path)}[/]: {Markup.Escape(warning.Message)}{fix}");
            }
            else
            {
                console.Profile.Out.Writer.WriteLine($"⚠ {Path.GetFileName(file)}: {warning.Path}: {warning.Message}{(warning.Fix is null ? string.Empty : $" Fix: {warning.Fix}")}");
            }
        }
    }
}
