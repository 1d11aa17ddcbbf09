using System.CommandLine;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Sending;
using EcCrm.Core.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EcCrm.Cli.Templates;

/// <summary><c>eccrm templates preview &lt;template&gt; --customer &lt;key|e-mail&gt;</c>: the e-mail as that customer would get it.</summary>
internal static class TemplateCommands
{
    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var template = new Argument<string>("template") { Description = "Template id: a file name in journeys/templates without .liquid." };
        var customer = new Option<string>("--customer") { Description = "The customer's key, or their e-mail address.", Required = true };
        var html = new Option<string?>("--html") { Description = "Also write the HTML part to this file." };
        var folder = new Option<string?>("--templates") { Description = "The templates folder (default: journeys/templates, or Journeys__Folder/templates)." };
        var preview = new Command("preview", "Render a template for one customer from storage (profile, last order, recommendations).") { template, customer, html, folder };
        preview.SetAction((result, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
            if (result.GetValue(folder) is { } templates)
            {
                overrides["Journeys:Folder"] = Path.GetDirectoryName(Path.GetFullPath(templates).TrimEnd(Path.DirectorySeparatorChar));
            }

            return PreviewAsync(console, overrides, result.GetValue(template)!, result.GetValue(customer)!, result.GetValue(html), cancellationToken);
        });
        return new Command("templates", "Work with e-mail templates.") { preview };
    }

    private static async Task<int> PreviewAsync(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings, string templateId, string customer, string? htmlFile, CancellationToken cancellationToken)
    {
        await using var services = CliServices.Create(settings);
        var key = CustomerKey.TryParse(customer, out var parsed) ? parsed : CustomerKey.FromEmail(customer);
        var profile = (await services.GetRequiredService<IProfileStore>().GetAsync(key, cancellationToken))?.Value;
        if (profile is null)
        {
            console.MarkupLine($"[red]No customer {Markup.Escape(key.Value)} in storage.[/]");
            return 3;
        }

        try
        {
            var unsubscribe = services.GetRequiredService<UnsubscribeTokens>().LinkFor(key, "marketing");
            var email = await services.GetRequiredService<PersonalisedEmails>().RenderAsync(
                profile, templateId, "preview", null, (string?)null, unsubscribe, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
            console.Write(new Panel(new Text(email.Text)).Header($"Subject: {email.Subject}").Border(BoxBorder.Rounded));
            if (htmlFile is not null)
            {
                await File.WriteAllTextAsync(htmlFile, email.Html, cancellationToken);
                console.MarkupLine($"[grey]HTML written to {Markup.Escape(htmlFile)}.[/]");
            }

            return 0;
        }
        catch (InvalidOperationException ex)
        {
            console.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 2;
        }
    }
}
