using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EcCrm.Core.Surveys;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Server.Tests.Surveys;

/// <summary><c>GET /api/reports/surveys</c>: NPS per journey and week as JSON, every answer as CSV, behind the API key.</summary>
public class SurveyReportApiTests
{
    [Fact]
    public async Task ReportsNpsAndExportsEveryAnswerAsCsvWithTheCommentsEscaped()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        var store = host.Services.GetRequiredService<ISurveyAnswerStore>();
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        foreach (var answer in new[]
        {
            SurveyAnswers.Nps("a@example.jp", "post-purchase-nps", "10", at),
            SurveyAnswers.Nps("b@example.jp", "post-purchase-nps", "9", at.AddMinutes(1)),
            SurveyAnswers.Nps("c@example.jp", "post-purchase-nps", "3", at.AddMinutes(2), "Late, \"cold\", and\nbroken"),
            SurveyAnswers.Nps("d@example.jp", "other-nps", "7", at.AddMinutes(3), "=HYPERLINK(\"http://x\")"),
        })
        {
            Assert.True(await store.TryAddAsync(answer, CancellationToken.None));
        }

        using var api = host.CreateApiClient();
        var report = await api.GetFromJsonAsync<JsonElement>("/api/reports/surveys");
        Assert.Equal(4, report.GetProperty("overall").GetProperty("answers").GetInt32());
        Assert.Equal(25.0, report.GetProperty("overall").GetProperty("nps").GetDouble(), 6); // 2 promoters - 1 detractor of 4
        var journey = report.GetProperty("journeys").EnumerateArray().Single(j => j.GetProperty("key").GetString() == "post-purchase-nps");
        Assert.Equal(100.0 / 3, journey.GetProperty("nps").GetDouble(), 6);
        Assert.Equal(2, report.GetProperty("comments").GetArrayLength());

        var csv = await api.GetStringAsync("/api/reports/surveys?format=csv");
        var lines = csv.Split("\r\n");
        Assert.Equal("first_answered_at,answered_at,journey,survey,question,answer,score,nps_group,changes,comment,commented_at,customer_key", lines[0]);
        Assert.Contains("\"Late, \"\"cold\"\", and\nbroken\"", csv, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\")\",", csv, StringComparison.Ordinal);
        Assert.Contains(",post-purchase-nps,ask,nps,3,3,detractor,0,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("example.jp", csv, StringComparison.Ordinal);
        Assert.Equal(6, lines.Length); // the header, four rows (a comment's own line break stays inside its quotes), and nothing after the last CRLF

        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync(new Uri("/api/reports/surveys?since=yesterday", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync(new Uri("/api/reports/surveys?format=csv", UriKind.Relative))).StatusCode);
    }
}
