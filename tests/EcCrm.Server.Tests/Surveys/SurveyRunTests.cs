using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Server.Tests.Surveys;

/// <summary>
/// The sample post-purchase NPS journey run by the real Server on Azurite, on the clock 43,200 times faster: an order
/// enters the customer, the survey e-mail carries eleven signed answer links, a click on 3 is stored and takes the
/// detractor's way (tagged, the shop alerted, a personal follow-up), a click on 8 within the window changes the stored answer, a
/// comment is kept, and a tampered link gets a page that says so.
/// </summary>
public partial class SurveyRunTests
{
    private const string JourneyId = "post-purchase-nps";

    [Fact]
    public async Task AClickOnADetractorsScoreIsStoredAndTakesTheDetractorsWayAndAnotherClickChangesTheAnswer()
    {
        var clock = ServerJourneys.Clock();
        await using var shop = new AlertReceiver();
        var settings = ServerJourneys.Settings(clock);
        settings["ShopAlerts:WebhookUrl"] = shop.Url.ToString();
        await using var host = new ServerHost(settings);
        using var api = host.CreateApiClient();
        using var browser = host.CreateClient();
        await Eventually.ReturnsAsync(
            async () => await api.GetFromJsonAsync<JsonElement>("/api/journeys"),
            journeys => journeys.EnumerateArray().Any(journey => journey.GetProperty("id").GetString() == JourneyId),
            TimeSpan.FromSeconds(30),
            "the journey files should be published at start");
        var key = TestKeys.ForEmail("sora@example.jp");

        await ServerJourneys.OrderAsync(api, "sora@example.jp", "n-1", clock.SimulatedNow);
        var survey = Assert.Single(await ServerJourneys.MailsAsync(host.Prefix, "sora@example.jp", count: 1, JourneyId));
        Assert.Contains("nps-1", survey, StringComparison.Ordinal);
        var eml = Directory.GetFiles(TestSettings.MailSink(host.Prefix), "*.eml").Single(file => File.ReadAllText(file).Contains("nps-1", StringComparison.Ordinal));
        var links = AnswerLink().Matches(File.ReadAllText(Path.ChangeExtension(eml, ".html"))).Select(match => WebUtility.HtmlDecode(match.Groups["path"].Value)).Distinct().ToList();
        Assert.Equal(11, links.Count);
        await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "answered", JourneyId);

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(new Uri(Tampered(links[3]), UriKind.Relative))).StatusCode);
        var head = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(links[10], UriKind.Relative)));
        Assert.NotEqual(HttpStatusCode.OK, head.StatusCode);

        var answered = await browser.GetAsync(new Uri(links[3], UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var page = await answered.Content.ReadAsStringAsync();
        Assert.Contains("survey-thanks", page, StringComparison.Ordinal);
        Assert.Contains("name=\"comment\"", page, StringComparison.Ordinal);

        await ServerJourneys.MailsAsync(host.Prefix, "sora@example.jp", count: 2, JourneyId);
        Assert.Contains("nps-sorry", ServerJourneys.Mails(host.Prefix, "sora@example.jp", JourneyId)[1], StringComparison.Ordinal);
        var profile = await Eventually.ReturnsAsync(
            async () => await api.GetFromJsonAsync<JsonElement>($"/api/customers/{key}"),
            customer => customer.GetProperty("profile").GetProperty("tags").EnumerateArray().Any(tag => tag.GetString() == "nps-detractor"),
            TimeSpan.FromSeconds(30),
            "the detractor's way tags the customer");
        Assert.Equal("3", Assert.Single(profile.GetProperty("surveyAnswers").EnumerateArray()).GetProperty("answer").GetString());

        await Eventually.ReturnsAsync(() => Task.FromResult(shop.Requests.Count), count => count >= 1, TimeSpan.FromSeconds(30), "the detractor's way alerts the shop");
        using (var alert = JsonDocument.Parse(shop.Requests.First().Body))
        {
            Assert.Equal("3", alert.RootElement.GetProperty("answer").GetString());
            Assert.Equal("sora@example.jp", alert.RootElement.GetProperty("email").GetString());
        }

        var changed = await (await browser.GetAsync(new Uri(links[8], UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("8", changed, StringComparison.Ordinal);
        var token = links[8][(links[8].IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        var commented = await browser.PostAsync(new Uri("/survey/comment", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["comment"] = "The grinder came late, but it is good." }));
        Assert.Equal(HttpStatusCode.OK, commented.StatusCode);
        Assert.Contains("survey-commented", await commented.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var answers = await api.GetFromJsonAsync<JsonElement>($"/api/customers/{key}/survey-answers");
        var answer = Assert.Single(answers.EnumerateArray());
        Assert.Equal("8", answer.GetProperty("answer").GetString());
        Assert.Equal(1, answer.GetProperty("changes").GetInt32());
        Assert.Equal("The grinder came late, but it is good.", answer.GetProperty("comment").GetString());
        Assert.Equal(2, ServerJourneys.Mails(host.Prefix, "sora@example.jp", JourneyId).Count);
    }

    /// <summary>The token with one character changed, the way a hand-edited link would be.</summary>
    private static string Tampered(string link) => link[..^3] + (link[^3] == 'A' ? 'B' : 'A') + link[^2..];

    [GeneratedRegex("href=\"https?://[^/\"]+(?<path>/survey\\?token=[^\"]+)\"")]
    private static partial Regex AnswerLink();
}
