using EcCrm.Cli;
using Spectre.Console;

return await EcCrmCommands.CreateRoot(AnsiConsole.Console).Parse(args).InvokeAsync();
