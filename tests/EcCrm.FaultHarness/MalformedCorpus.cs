using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using EcCrm.Testing;

namespace EcCrm.FaultHarness;

/// <summary>
/// Bad input at every endpoint: unreadable and wrongly typed JSON, bodies too large, wrong content types, missing and
/// forged signatures, replayed deliveries. Each must get a clear 4xx (or, for a replay, the same answer as the first
/// delivery) and never a 500.
/// </summary>
internal static class MalformedCorpus
{
    public static async Task<IReadOnlyList<(string Request, HttpStatusCode Status)>> RunAsync(Uri server, ECDsa eventKey, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server };
        var answers = new List<(string, HttpStatusCode)>();

        async Task SendAsync(string name, HttpRequestMessage request)
        {
            using (request)
            {
                answers.Add((name, (await http.SendAsync(request, cancellationToken)).StatusCode));
            }
        }

        var huge = "{\"orderId\":\"huge\",\"note\":\"" + new string('x', 3 * 1024 * 1024) + "\"}";
        await SendAsync("order: unreadable JSON, signed", SignedWebhooks.Generic("{\"orderId\": \"bad\", "));
        await SendAsync("order: wrong types, signed", SignedWebhooks.Generic("""{"orderId":17,"status":["paid"],"placedAt":"yesterday","total":"lots","customer":"none","lines":{}}"""));
        await SendAsync("order: 3 MB body, signed", SignedWebhooks.Generic(huge));
        await SendAsync("order: no signature", SignedWebhooks.WithoutSignature("/webhooks/orders/generic", """{"orderId":"x"}"""));
        var forged = SignedWebhooks.Generic("""{"orderId":"forged"}""");
        forged.Content = new StringContent("""{"orderId":"forged-2"}""", Encoding.UTF8, "application/json");
        await SendAsync("order: forged signature", forged);
        var stale = SignedWebhooks.Generic("""{"orderId":"stale"}""", DateTimeOffset.UtcNow.AddHours(-2));
        await SendAsync("order: signature outside its replay window", stale);
        var textBody = SignedWebhooks.Generic("""{"orderId":"text"}""");
        textBody.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        await SendAsync("order: text/plain content type", textBody);
        await SendAsync("order: unknown source", SignedWebhooks.WithoutSignature("/webhooks/orders/magento", "{}"));
        await SendAsync("shopify order: forged HMAC", SignedWebhooks.Shopify("""{"id":1}""", secret: "not-the-shops-secret-0123456789"));
        await SendAsync("shopify order: unreadable JSON, signed", SignedWebhooks.Shopify("{\"id\":"));
        await SendAsync("woocommerce order: wrong types, signed", SignedWebhooks.WooCommerce("""{"id":"one","line_items":7}"""));
        var replayed = ValidOrder();
        await SendAsync("order: first delivery", SignedWebhooks.Generic(replayed));
        await SendAsync("order: the same delivery replayed", SignedWebhooks.Generic(replayed));

        await SendAsync("sendgrid events: no signature", new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid") { Content = Json("[]") });
        await SendAsync("sendgrid events: forged signature", SignedEvents("""[{"email":"a@example.com","timestamp":1,"event":"open"}]""", ECDsa.Create(ECCurve.NamedCurves.nistP256)));
        await SendAsync("sendgrid events: unreadable JSON, signed", SignedEvents("[{\"event\":", eventKey));
        await SendAsync("sendgrid events: wrong types, signed", SignedEvents("""{"event":"open"}""", eventKey));
        await SendAsync("sendgrid events: 3 MB body, signed", SignedEvents("[" + string.Join(',', Enumerable.Repeat("{\"event\":\"open\",\"email\":\"a@example.com\",\"timestamp\":1,\"sg_event_id\":\"" + new string('e', 1000) + "\"}", 3000)) + "]", eventKey));

        await SendAsync("unsubscribe page: no token", new HttpRequestMessage(HttpMethod.Get, "/unsubscribe"));
        await SendAsync("unsubscribe page: tampered token", new HttpRequestMessage(HttpMethod.Get, "/unsubscribe?token=AAAA.BBBB"));
        await SendAsync("unsubscribe: tampered token", new HttpRequestMessage(HttpMethod.Post, "/unsubscribe?token=AAAA.BBBB"));
        await SendAsync("unsubscribe: JSON instead of a form", new HttpRequestMessage(HttpMethod.Post, "/unsubscribe") { Content = Json("""{"token":"x"}""") });
        await SendAsync("login: JSON instead of a form", new HttpRequestMessage(HttpMethod.Post, "/login") { Content = Json("""{"key":"x"}""") });
        await SendAsync("login: no body", new HttpRequestMessage(HttpMethod.Post, "/login"));

        await SendAsync("api: no key", new HttpRequestMessage(HttpMethod.Get, "/api/journeys"));
        await SendAsync("api: journey with mistakes", Api(HttpMethod.Post, "/api/journeys", Json("""{"id":"broken","version":1,"nodes":[{"id":"a","type":"send"}]}""")));
        await SendAsync("api: journey that is not JSON", Api(HttpMethod.Post, "/api/journeys", Json("nodes: [")));
        await SendAsync("api: customer key that is not one", Api(HttpMethod.Get, "/api/customers/not-a-key/enrollments"));
        await SendAsync("api: customer by an address that is not one", Api(HttpMethod.Get, "/api/customers?email=%22%3E%3Cscript%3E"));
        await SendAsync("api: run of an enrollment id that is not one", Api(HttpMethod.Get, "/api/enrollments/not:an:id/run"));
        await SendAsync("api: restart of an unknown run", Api(HttpMethod.Post, "/api/enrollments/winback-60:0123456789abcdef0123456789abcdef:9/restart"));
        return answers;
    }

    private static string ValidOrder() => $$"""
        {"orderId":"corpus-replayed","status":"paid","placedAt":"{{DateTimeOffset.UtcNow.AddDays(-400):O}}","currency":"JPY","total":1200,
         "customer":{"email":"corpus@example.jp","firstName":"Corpus"},"lines":[{"productId":"tea-sencha","title":"Sencha","quantity":1,"unitPrice":1200}]}
        """;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Api(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Api-Key", TestSettings.ApiKey);
        return request;
    }

    public static HttpRequestMessage SignedEvents(string body, ECDsa key)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid") { Content = Json(body) };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        return request;
    }
}
