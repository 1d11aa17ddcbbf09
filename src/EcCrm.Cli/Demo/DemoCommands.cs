using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Core.Webhooks;
using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Journeys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace EcCrm.Cli.Demo;

/// <summary>
/// <c>eccrm demo</c>: the demo shop's customers acting on a running Server — ordering again and opening e-mail — through
/// the same signed webhooks a real shop and SendGrid use, so the journeys' funnel and uplift fill with plausible numbers.
/// </summary>
public static class DemoCommands
{
    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var demo = new Command("demo", "The demo shop's customers in action (for scripts/run.sh).");
        demo.Subcommands.Add(EventKey(console));
        demo.Subcommands.Add(Shoppers(console, settings));
        return demo;
    }

    /// <summary>A P-256 key pair standing in for SendGrid's event webhook key: the private half signs the demo's events.</summary>
    private static Command EventKey(IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("private-key") { Description = "PEM file of the private key; created when missing." };
        var command = new Command("event-key", "Print the public key (SendGrid__EventWebhookPublicKey) of the demo's event signing key.") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            if (path.Exists)
            {
                key.ImportFromPem(File.ReadAllText(path.FullName));
            }
            else
            {
                Directory.CreateDirectory(path.DirectoryName!);
                File.WriteAllText(path.FullName, key.ExportPkcs8PrivateKeyPem());
            }

            console.Profile.Out.Writer.WriteLine(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo())); // raw: a key must not be wrapped
            return 0;
        });
        return command;
    }

    private static Command Shoppers(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var server = new Option<string>("--server") { Description = "The Server's address.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var eventKey = new Option<FileInfo?>("--event-key") { Description = "Private key (PEM) to sign e-mail events with; without it no events are sent." };
        var command = new Command("shoppers", "Act as the demo customers until stopped (Ctrl+C).") { server, eventKey };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var scale = services.GetRequiredService<IConfiguration>().GetSection(TimeScaleOptions.SectionName).Get<TimeScaleOptions>() ?? new TimeScaleOptions();
            using var signer = parse.GetValue(eventKey) is { Exists: true } pem ? LoadKey(pem) : null;
            using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(server)!) };
            var crowd = new Crowd(services, scale.CreateJourneyClock(), http, signer);
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    try
                    {
                        await crowd.ActAsync(cancellationToken);
                    }
                    catch (HttpRequestException ex)
                    {
                        console.MarkupLine($"[yellow]The Server did not answer ({Markup.Escape(ex.Message)}); trying again.[/]");
                    }

                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped: say what the customers did.
            }

            console.MarkupLine(
                $"Demo customers: {crowd.Entries[EnrollmentGroup.Treatment]} entered a journey and {crowd.Entries[EnrollmentGroup.Holdout]} were held out; " +
                $"{crowd.Orders[EnrollmentGroup.Treatment]} and {crowd.Orders[EnrollmentGroup.Holdout]} of them ordered again; {crowd.Events} e-mail events.");
            return 0;
        });
        return command;
    }

    private static ECDsa LoadKey(FileInfo pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(pem.FullName));
        return key;
    }

    /// <summary>The demo customers: notice who entered a journey and what was mailed, and act when their moment comes.</summary>
    private sealed class Crowd(IServiceProvider services, JourneyClock journeyClock, HttpClient http, ECDsa? signer)
    {
        private readonly TimeProvider clock = TimeScaleOptions.CreateTimeProvider(journeyClock);
        private readonly Dictionary<CustomerKey, Plan> plans = [];
        private readonly Dictionary<CustomerKey, List<DateTimeOffset>> mailReceived = [];
        private readonly HashSet<string> mailsSeen = [];
        private readonly List<(DateTimeOffset At, JsonObject Event)> events = [];
        private readonly string secret = services.GetRequiredService<IOptions<WebhookOptions>>().Value.Generic.Secret
            ?? throw new InvalidOperationException("Webhooks__Generic__Secret is needed to post the demo customers' orders.");

        private DateTimeOffset lastJourneyRead;

        public Dictionary<EnrollmentGroup, int> Entries { get; } = new() { [EnrollmentGroup.Treatment] = 0, [EnrollmentGroup.Holdout] = 0 };

        public Dictionary<EnrollmentGroup, int> Orders { get; } = new() { [EnrollmentGroup.Treatment] = 0, [EnrollmentGroup.Holdout] = 0 };

        public int Events { get; private set; }

        public async Task ActAsync(CancellationToken cancellationToken)
        {
            // Reading every journey's whole event log is a large query for Azurite, which the Server's journeys need too:
            // the customers look for new entries every 10 s (a late look only makes the comebacks already due happen at once).
            if (DateTimeOffset.UtcNow - lastJourneyRead > TimeSpan.FromSeconds(10))
            {
                await NoticeEntriesAsync(cancellationToken);
                lastJourneyRead = DateTimeOffset.UtcNow;
            }

            NoticeMail();
            var now = clock.GetUtcNow();
            foreach (var (customer, plan) in plans.Where(pair => !pair.Value.Ordered && pair.Value.ComebackAt <= now).ToList())
            {
                // Placed at the planned moment even when it reaches the Server a little later, as a shop's webhook can.
                await OrderAsync(customer, plan.ComebackAt!.Value, cancellationToken);
                plans[customer] = plan with { Ordered = true };
                Orders[plan.Group]++;
            }

            var due = events.Where(item => item.At <= now).ToList();
            if (due.Count > 0 && signer is not null)
            {
                await PostEventsAsync(due.Select(item => item.Event), cancellationToken);
                events.RemoveAll(item => item.At <= now);
                Events += due.Count;
            }
        }

        /// <summary>
        /// Each customer plans once, on their first entry into any journey, whether they will order again; the plan is
        /// made again when the shop's e-mail reaches them (a customer cannot tell whether a journey held them out).
        /// </summary>
        private async Task NoticeEntriesAsync(CancellationToken cancellationToken)
        {
            var log = services.GetRequiredService<IJourneyEventLog>();
            foreach (var journey in await services.GetRequiredService<JourneyCatalog>().ListAsync(cancellationToken))
            {
                await foreach (var entry in log.ListAsync(journey.Definition.Id, cancellationToken))
                {
                    if (entry.Kind is JourneyEventKind.Entered or JourneyEventKind.EnteredHoldout && !plans.ContainsKey(entry.Customer))
                    {
                        plans[entry.Customer] = Replan(entry.Customer, new Plan(entry.Group, entry.At, null, false));
                        Entries[entry.Group]++;
                    }
                }
            }
        }

        /// <summary>When the customer comes back, given the first e-mail that reached them since they entered.</summary>
        private Plan Replan(CustomerKey customer, Plan plan)
        {
            var emailedAt = mailReceived.TryGetValue(customer, out var received) && received.Where(at => at >= plan.EnteredAt).ToList() is { Count: > 0 } since
                ? since.Min()
                : (DateTimeOffset?)null;
            return plan with { ComebackAt = DemoShoppers.ComebackAt(customer, plan.EnteredAt, emailedAt, journeyClock) };
        }

        /// <summary>Every e-mail in the mail sink gets the provider events SendGrid would report for it.</summary>
        private void NoticeMail()
        {
            var folder = services.GetRequiredService<IOptions<MailOptions>>().Value.SinkPath;
            if (signer is null || !Directory.Exists(folder))
            {
                return;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*.eml"))
            {
                if (mailsSeen.Contains(Path.GetFileName(file)) || Headers(file) is not { } headers
                    || !headers.TryGetValue("Date", out var date) || !headers.TryGetValue("X-EcCrm-idempotency_key", out var key))
                {
                    continue;
                }

                mailsSeen.Add(Path.GetFileName(file));

                var sentAt = DateTimeOffset.Parse(date, CultureInfo.InvariantCulture);
                var engagement = DemoShoppers.Engagement(key, sentAt, journeyClock);
                foreach (var (kind, at) in engagement)
                {
                    var providerEvent = new JsonObject
                    {
                        ["email"] = Address(headers["To"]),
                        ["timestamp"] = at.ToUnixTimeSeconds(),
                        ["event"] = kind,
                        ["sg_event_id"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}:{kind}")))[..22],
                        ["sg_message_id"] = "demo." + Path.GetFileNameWithoutExtension(file),
                    };
                    foreach (var (name, value) in headers.Where(header => header.Key.StartsWith("X-EcCrm-", StringComparison.Ordinal) && header.Key != "X-EcCrm-Categories"))
                    {
                        providerEvent[name["X-EcCrm-".Length..]] = value;
                    }

                    events.Add((at, providerEvent));
                }

                if (engagement.Any(item => item.Event == "delivered") && headers.TryGetValue("X-EcCrm-customer_key", out var customerKey)
                    && CustomerKey.TryParse(customerKey, out var customer))
                {
                    Received(customer, sentAt);
                }
            }
        }

        private void Received(CustomerKey customer, DateTimeOffset sentAt)
        {
            if (!mailReceived.TryGetValue(customer, out var received))
            {
                mailReceived[customer] = received = [];
            }

            received.Add(sentAt);
            if (plans.TryGetValue(customer, out var plan) && !plan.Ordered)
            {
                plans[customer] = Replan(customer, plan);
            }
        }

        private async Task OrderAsync(CustomerKey customer, DateTimeOffset at, CancellationToken cancellationToken)
        {
            if (await services.GetRequiredService<IProfileStore>().GetAsync(customer, cancellationToken) is not { Value.Email: { } email } profile)
            {
                return;
            }

            var index = int.TryParse(email.AsSpan(email.IndexOf("customer", StringComparison.Ordinal) + "customer".Length, 5), CultureInfo.InvariantCulture, out var number) ? number : 0;
            var product = DemoCatalog.Consumables[index % DemoCatalog.Consumables.Count];
            var body = new JsonObject
            {
                ["orderId"] = $"demo-{index}-comeback-{at.ToUnixTimeSeconds()}",
                ["status"] = "paid",
                ["placedAt"] = at.ToString("O", CultureInfo.InvariantCulture),
                ["currency"] = "JPY",
                ["total"] = product.Price * 2,
                ["customer"] = new JsonObject { ["email"] = email, ["firstName"] = profile.Value.FirstName },
                ["lines"] = new JsonArray(new JsonObject { ["productId"] = product.Id, ["title"] = product.Title, ["quantity"] = 2, ["unitPrice"] = product.Price }),
            }.ToJsonString();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/orders/generic") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookHeaders.GenericSignature, WebhookSignatures.SignTimestamped(secret, Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow));
            (await http.SendAsync(request, cancellationToken)).EnsureSuccessStatusCode();
        }

        private async Task PostEventsAsync(IEnumerable<JsonObject> batch, CancellationToken cancellationToken)
        {
            var body = new JsonArray([.. batch.Select(item => item.DeepClone())]).ToJsonString();
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = signer!.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
            (await http.SendAsync(request, cancellationToken)).EnsureSuccessStatusCode();
        }

        private static Dictionary<string, string>? Headers(string file)
        {
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                foreach (var line in File.ReadLines(file))
                {
                    if (line.Length == 0)
                    {
                        return headers;
                    }

                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        headers[line[..colon]] = line[(colon + 1)..].Trim();
                    }
                }
            }
            catch (IOException)
            {
                return null; // still being written: read next time
            }

            return null;
        }

        private static string Address(string mailbox) =>
            mailbox.LastIndexOf('<') is var open and >= 0 && mailbox.EndsWith('>') ? mailbox[(open + 1)..^1] : mailbox;

        private sealed record Plan(EnrollmentGroup Group, DateTimeOffset EnteredAt, DateTimeOffset? ComebackAt, bool Ordered);
    }
}
