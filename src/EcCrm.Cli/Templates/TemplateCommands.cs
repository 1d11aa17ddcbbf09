using System.CommandLine;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Messaging;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Messaging.Sending;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Journeys;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EcCrm.Cli.Templates;

/// <summary>
/// <c>eccrm templates preview &lt;template&gt; --customer &lt;key|e-mail&gt; [--coupon CODE]</c>: the e-mail as that
/// customer would get it, in their language. What a journey run would create for it (a coupon) is given sample values.
/// </summary>
internal static class TemplateCommands
{
    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var template = new Argument<string>("template") { Description = "Template id: a file name in journeys/templates without its language and .liquid (winback-2 for winback-2.ja.liquid)." };
        var customer = new Option<string>("--customer") { Description = "The customer's key, or their e-mail address.", Required = true };
        var coupon = new Option<string?>("--coupon") { Description = "The coupon code to show: a coupon a journey issued, or a sample with this code (default: {prefix}-SAMPLE with the terms of the journey's createCoupon node)." };
        var html = new Option<string?>("--html") { Description = "Also write the HTML part to this file." };
        var folder = new Option<string?>("--templates") { Description = "The templates folder (default: journeys/templates, or Journeys__Folder/templates)." };
        var preview = new Command("preview", "Render a template for one customer from storage (profile, last order, recommendations), in their language.") { template, customer, coupon, html, folder };
        preview.SetAction((result, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
            if (result.GetValue(folder) is { } templates)
            {
                overrides["Journeys:Folder"] = Path.GetDirectoryName(Path.GetFullPath(templates).TrimEnd(Path.DirectorySeparatorChar));
            }

            return PreviewAsync(console, overrides, new Request(result.GetValue(template)!, result.GetValue(customer)!, result.GetValue(coupon), result.GetValue(html)), cancellationToken);
        });
        return new Command("templates", "Work with e-mail templates.") { preview };
    }

    private static async Task<int> PreviewAsync(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings, Request request, CancellationToken cancellationToken)
    {
        await using var services = CliServices.Create(settings);
        var key = CustomerKey.TryParse(request.Customer, out var parsed) ? parsed : services.GetRequiredService<CustomerKeys>().ForEmail(request.Customer);
        var profile = (await services.GetRequiredService<IProfileStore>().GetAsync(key, cancellationToken))?.Value;
        if (profile is null)
        {
            console.MarkupLine($"[red]No customer {Markup.Escape(key.Value)} in storage.[/]");
            return 3;
        }

        try
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var coupon = await CouponAsync(console, services, request, now, cancellationToken);
            var unsubscribe = services.GetRequiredService<UnsubscribeTokens>().LinkFor(key, "marketing");
            var email = await services.GetRequiredService<PersonalisedEmails>().RenderAsync(profile, request.Template, "preview", null, coupon, unsubscribe, now, cancellationToken);
            console.Write(new Panel(new Text(email.Text)).Header($"Subject: {email.Subject} ({email.Language})").Border(BoxBorder.Rounded));
            if (request.HtmlFile is not null)
            {
                await File.WriteAllTextAsync(request.HtmlFile, email.Html, cancellationToken);
                console.MarkupLine($"[grey]HTML written to {Markup.Escape(request.HtmlFile)}.[/]");
            }

            return 0;
        }
        catch (InvalidOperationException ex)
        {
            console.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 2;
        }
    }

    /// <summary>The coupon to show: the issued one with the code given, else sample values; none when the template shows no coupon.</summary>
    private static async Task<CreateCoupon?> CouponAsync(IAnsiConsole console, ServiceProvider services, Request request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (request.Coupon is { } code && await services.GetRequiredService<ICouponIssuer>().FindAsync(code, cancellationToken) is { } issued)
        {
            return issued;
        }

        if (request.Coupon is null && !(await services.GetRequiredService<TemplateCatalog>().VariablesAsync(request.Template, cancellationToken)).Contains(CouponCheck.CouponVariable))
        {
            return null;
        }

        var (sample, source) = PreviewCoupon.Sample(request.Template, request.Coupon, services.GetRequiredService<IOptions<JourneyFilesOptions>>().Value.FullPath, now);
        console.MarkupLine($"[grey]Coupon {Markup.Escape(sample.Code)}: sample values, from {Markup.Escape(source)}. Give --coupon CODE for another code, or the code of an issued coupon.[/]");
        return sample;
    }

    private sealed record Request(string Template, string Customer, string? Coupon, string? HtmlFile);
}
