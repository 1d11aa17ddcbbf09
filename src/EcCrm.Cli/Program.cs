using EcCrm.Cli;
using Microsoft.Extensions.Options;
using Spectre.Console;

try
{
    return await EcCrmCommands.CreateRoot(AnsiConsole.Console).Parse(args).InvokeAsync();
}
catch (OptionsValidationException invalid)
{
    // A missing or wrong setting: say which, without a stack trace.
    foreach (var failure in invalid.Failures)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(failure)}[/]");
    }

    return 1;
}
