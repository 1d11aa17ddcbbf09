using EcCrm.Cli;
using Spectre.Console;

return await EcCrmCommands.InvokeAsync(AnsiConsole.Console, args);
