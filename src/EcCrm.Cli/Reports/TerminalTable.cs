using Spectre.Console;
using Spectre.Console.Rendering;

namespace EcCrm.Cli.Reports;

/// <summary>
/// A table for the terminal that never cuts a header or a figure: text wraps at spaces inside a column, and a table
/// that cannot fit even so is printed one row at a time, each as a list of header and value, with a pointer to the
/// machine-readable output that has it whole.
/// </summary>
internal static class TerminalTable
{
    public const string MachineHint = "--json or --csv gives it whole";

    public static void Write(IAnsiConsole console, string title, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        }

        var needed = ((IRenderable)table).Measure(RenderOptions.Create(console, console.Profile.Capabilities), int.MaxValue).Min;
        if (needed <= console.Profile.Width)
        {
            console.Write(table);
            return;
        }

        console.MarkupLine($"[bold]{Markup.Escape(title)}[/] [grey](too wide for this terminal, so one row at a time; {MachineHint})[/]");
        foreach (var row in rows)
        {
            var grid = new Grid().AddColumn(new GridColumn().PadRight(2)).AddColumn();
            for (var i = 0; i < headers.Count; i++)
            {
                grid.AddRow(new Text(headers[i], new Style(Color.Grey)), new Text(i < row.Count ? row[i] : string.Empty));
            }

            console.Write(grid);
            console.WriteLine();
        }
    }
}
