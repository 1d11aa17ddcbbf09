using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Profiles;
using EcCrm.Core.Surveys;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Server.Tests.Customers;

/// <summary>The data subject's rights through the API: a copy of everything held (export), and erasure.</summary>
public class CustomerPrivacyTests
{
    private const string Email = "hanako.privacy@example.jp";
    private const string FirstName = "Hanako";
    private const string LastName = "Yamadera";
    private const string Street = "4-2-8 Shibakoen Minato";
    private const string Phone = "+81-3-5555-0199";

    private const string Feedback = "Too bitter for me, call +81-3-5555-0199 if you want to know more";

    private static readonly string[] Personal = [Email, FirstName, LastName, Street, Phone, Feedback];

    [Fact]
    public async Task ErasingACustomerLeavesNoAddressNameStreetOrPhoneInAnyTableQueueOrBlob()
    {
        var clock = ServerJourneys.Clock();
        await using var host = new ServerHost(ServerJourneys.Settings(clock));
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        var key = TestKeys.ForEmail(Email);
        await OrderAsync(api, clock.SimulatedNow.AddDays(-59.5));
        await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait-1");
        await Eventually.ReturnsAsync(() => Task.FromResult(SunkMails(host.Prefix)), mails => mails.Count >= 1, TimeSpan.FromSeconds(30), "the first win-back e-mail");
        await AnswerSurveyAsync(host, key);
        Assert.Contains(await FindPersonalDataAsync(host), found => found.Contains(Feedback, StringComparison.Ordinal)); // the scan does see the customer before the erasure

        var response = await api.DeleteAsync($"/api/customers/{key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, report.GetProperty("profiles").GetInt32());
        Assert.Equal(1, report.GetProperty("orders").GetInt32());
        Assert.True(report.GetProperty("enrollments").GetInt32() >= 1);
        Assert.Equal(0, report.GetProperty("runsNotPurged").GetInt32());
        Assert.True(report.GetProperty("mailCopies").GetInt32() >= 1);
        Assert.Equal(1, report.GetProperty("surveyAnswers").GetInt32());
        Assert.DoesNotContain(Email, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await FindPersonalDataAsync(host));
        Assert.Empty(SunkMails(host.Prefix));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/customers/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/customers/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/customers/{key}/export")).StatusCode);
        Assert.Contains("journeyId", await api.GetStringAsync("/api/reports/journeys/winback-60"), StringComparison.Ordinal);

        // The proof of the opt-in outlives the erasure, without its evidence, until a month after the last e-mail, and grants nothing.
        Assert.Equal(1, report.GetProperty("consentRecordsKept").GetInt32());
        var keptUntil = report.GetProperty("consentKeptUntil").GetDateTimeOffset();
        var consent = await api.GetFromJsonAsync<JsonElement>($"/api/customers/{key}/consent");
        Assert.Equal(JsonValueKind.Null, consent.GetProperty("current").ValueKind);
        var kept = Assert.Single(consent.GetProperty("records").EnumerateArray());
        Assert.Equal("optIn", kept.GetProperty("change").GetString());
        Assert.Empty(kept.GetProperty("evidence").EnumerateObject());
        Assert.Equal(keptUntil, kept.GetProperty("keepUntil").GetDateTimeOffset());
        // A month after the last e-mail, which went out a few (scaled) days before the erasure.
        Assert.InRange(keptUntil - kept.GetProperty("erasedAt").GetDateTimeOffset(), TimeSpan.FromDays(1), TimeSpan.FromDays(31));
    }

    [Fact]
    public async Task AnErasedAddressThatHadUnsubscribedKeepsItsSuppressionWithoutTheAddress()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        var suppressions = host.Services.GetRequiredService<EcCrm.Core.Messaging.ISuppressionList>();
        await suppressions.AddAsync(Email, new EcCrm.Core.Messaging.Suppression(EcCrm.Core.Messaging.SuppressionKind.Bounced, null, DateTimeOffset.UtcNow, $"550 <{Email}> unknown"), CancellationToken.None);
        var profiles = host.Services.GetRequiredService<IProfileStore>();
        await profiles.TryAddAsync(new CustomerProfile { Key = TestKeys.ForEmail(Email), Email = Email, FirstName = FirstName, UpdatedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        using var api = host.CreateApiClient();

        var response = await api.DeleteAsync($"/api/customers/{TestKeys.ForEmail(Email)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await FindPersonalDataAsync(host));
        var kept = Assert.Single(await suppressions.GetAsync(Email, CancellationToken.None));
        Assert.Equal(EcCrm.Core.Messaging.SuppressionKind.Bounced, kept.Kind);
        Assert.Null(kept.Reason);
    }

    [Fact]
    public async Task ExportReturnsProfileOrdersSuppressionsSendsAndEnrollments()
    {
        var clock = ServerJourneys.Clock();
        await using var host = new ServerHost(ServerJourneys.Settings(clock));
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        var key = TestKeys.ForEmail(Email);
        await OrderAsync(api, clock.SimulatedNow.AddDays(-59.5));
        await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait-1");

        await AnswerSurveyAsync(host, key);
        var export = await Eventually.ReturnsAsync(
            () => api.GetFromJsonAsync<JsonElement>($"/api/customers/{key}/export"),
            document => document.GetProperty("sends").GetArrayLength() >= 1,
            TimeSpan.FromSeconds(30),
            "the export should list the first send");

        Assert.Equal(key.Value, export.GetProperty("customer").GetString());
        Assert.Equal(Email, export.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal(Phone, export.GetProperty("profile").GetProperty("phone").GetString());
        Assert.Equal("privacy-1", Assert.Single(export.GetProperty("orders").EnumerateArray()).GetProperty("orderId").GetString());
        Assert.Equal(JsonValueKind.Array, export.GetProperty("suppressions").ValueKind);
        Assert.Contains(export.GetProperty("enrollments").EnumerateArray(), e => e.GetProperty("journeyId").GetString() == "winback-60");
        var answer = Assert.Single(export.GetProperty("surveyAnswers").EnumerateArray());
        Assert.Equal(("4", Feedback), (answer.GetProperty("answer").GetString(), answer.GetProperty("comment").GetString()));
        var optIn = Assert.Single(export.GetProperty("consent").EnumerateArray());
        Assert.Equal(("optIn", "order"), (optIn.GetProperty("change").GetString(), optIn.GetProperty("source").GetString()));
        Assert.Equal("true", optIn.GetProperty("evidence").GetProperty("$.customer.acceptsMarketing").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/customers/{TestKeys.ForEmail("nobody@example.jp")}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/customers/{Email}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.DeleteAsync("/api/customers/not-a-key")).StatusCode);
    }

    private static async Task OrderAsync(HttpClient api, DateTimeOffset placedAt)
    {
        var body = JsonSerializer.Serialize(new
        {
            orderId = "privacy-1",
            status = "paid",
            placedAt,
            currency = "JPY",
            total = 3200,
            customer = new { email = Email, firstName = FirstName, lastName = LastName, phone = Phone, city = "Minato", countryCode = "JP", acceptsMarketing = true },
            shippingAddress = new { name = $"{FirstName} {LastName}", address1 = Street, phone = Phone },
            lines = new[] { new { productId = "beans-house", title = "House Blend 200g", quantity = 1, unitPrice = 3200 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, (await api.SendAsync(SignedWebhooks.Generic(body))).StatusCode);
    }

    /// <summary>The customer answers a survey with a comment, as the survey page stores it.</summary>
    private static async Task AnswerSurveyAsync(ServerHost host, CustomerKey key)
    {
        var at = DateTimeOffset.UtcNow;
        var answers = host.Services.GetRequiredService<ISurveyAnswerStore>();
        Assert.True(await answers.TryAddAsync(
            new SurveyAnswer
            {
                Customer = key,
                IdempotencyKey = $"winback-60:{key}:1:ask:1",
                JourneyId = "winback-60",
                EnrollmentId = $"winback-60:{key}:1",
                Survey = "ask",
                Kind = SurveyKind.Nps,
                Answer = "4",
                FirstAnsweredAt = at,
                AnsweredAt = at,
                Comment = Feedback,
                CommentedAt = at,
            },
            CancellationToken.None));
    }

    private static List<string> SunkMails(string prefix)
    {
        var folder = TestSettings.MailSink(prefix);
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Where(file => File.ReadAllText(file).Contains(Email, StringComparison.OrdinalIgnoreCase))] : [];
    }

    /// <summary>Every table row, queue message and blob under the test's prefix (the engine's task hub included) that holds a personal value.</summary>
    private static async Task<List<string>> FindPersonalDataAsync(ServerHost host)
    {
        var storage = host.Storage;
        var found = new List<string>();
        void Check(string where, string text)
        {
            foreach (var value in Personal.Where(value => text.Contains(value, StringComparison.OrdinalIgnoreCase)))
            {
                found.Add($"{where}: {value}");
            }
        }

        await foreach (var table in storage.Tables.QueryAsync())
        {
            if (!table.Name.StartsWith(host.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            await foreach (var row in storage.Table(table.Name).QueryAsync<Azure.Data.Tables.TableEntity>())
            {
                Check($"table {table.Name}", string.Join('|', row.Select(pair => pair.Key + "=" + Readable(pair.Value))));
            }
        }

        await foreach (var queue in storage.Queues.GetQueuesAsync(prefix: host.Prefix.ToLowerInvariant()))
        {
            foreach (var message in (await storage.Queue(queue.Name).PeekMessagesAsync(32)).Value)
            {
                Check($"queue {queue.Name}", message.Body.ToString() + Decoded(message.Body.ToString()));
            }
        }

        await foreach (var container in storage.Blobs.GetBlobContainersAsync(prefix: host.Prefix.ToLowerInvariant()))
        {
            var client = storage.Container(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                Check($"blob {container.Name}/{blob.Name}", Encoding.UTF8.GetString(content) + Decompressed(content));
            }
        }

        return found;
    }

    private static string Readable(object? value) => value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes) + Decompressed(bytes),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string Decoded(string text)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }

    private static string Decompressed(byte[] bytes)
    {
        foreach (var open in new Func<Stream, Stream>[] { s => new System.IO.Compression.BrotliStream(s, System.IO.Compression.CompressionMode.Decompress), s => new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionMode.Decompress) })
        {
            try
            {
                using var reader = new StreamReader(open(new MemoryStream(bytes)), Encoding.UTF8);
                return reader.ReadToEnd();
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException)
            {
            }
        }

        return string.Empty;
    }
}
