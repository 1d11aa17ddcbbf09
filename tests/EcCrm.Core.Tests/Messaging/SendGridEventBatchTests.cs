using EcCrm.Testing;
using System.Text;
using EcCrm.Core.Messaging.Events;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Tests.Messaging;

public class SendGridEventBatchTests
{
    private static readonly CustomerKey Customer = TestKeys.ForEmail("aiko@example.jp");

    [Fact]
    public void ReadsEventsWithTheSendTheyAreAbout()
    {
        var body = $$"""
            [{"email":"aiko@example.jp","timestamp":1763870000,"event":"open","sg_event_id":"e1","sg_message_id":"m1.filter","idempotency_key":"enr-1:send-1:1","customer_key":"{{Customer.Value}}","enrollment_id":"enr-1","template_id":"winback-1","useragent":"x"},
             {"email":"aiko@example.jp","timestamp":1763870100,"event":"click","url":"https://shop.example.com/p","sg_message_id":"m1.filter","idempotency_key":"enr-1:send-1:1","customer_key":"{{Customer.Value}}","enrollment_id":"enr-1","template_id":"winback-1"},
             {"email":"other@example.com","timestamp":1763870200,"event":"bounce","type":"bounce","reason":"550 no such user"},
             {"email":"x@example.com","timestamp":1763870300,"event":"some_future_event"}]
            """;

        var (events, errors) = SendGridEventBatch.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Empty(errors);
        Assert.Equal([ProviderEventType.Open, ProviderEventType.Click, ProviderEventType.Bounce], events.Select(e => e.Type));
        Assert.Equal(new SendReference(Customer, "enr-1:send-1:1", "enr-1", "winback-1"), events[0].Send);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763870000), events[0].At);
        Assert.Null(events[2].Send);
        Assert.Equal("550 no such user", events[2].Reason);
    }

    [Fact]
    public void TheDedupeKeyIgnoresTheEventIdThatChangesOnRetries()
    {
        const string first = """[{"email":"a@example.com","timestamp":1,"event":"open","sg_event_id":"first","sg_message_id":"m"}]""";
        const string retry = """[{"email":"a@example.com","timestamp":1,"event":"open","sg_event_id":"second","sg_message_id":"m"}]""";
        const string later = """[{"email":"a@example.com","timestamp":2,"event":"open","sg_event_id":"third","sg_message_id":"m"}]""";

        var key = SendGridEventBatch.Parse(Encoding.UTF8.GetBytes(first)).Events[0].DedupeKey;

        Assert.Equal(key, SendGridEventBatch.Parse(Encoding.UTF8.GetBytes(retry)).Events[0].DedupeKey);
        Assert.NotEqual(key, SendGridEventBatch.Parse(Encoding.UTF8.GetBytes(later)).Events[0].DedupeKey);
    }

    [Theory]
    [InlineData("{\"event\":\"open\"}", "$", "must be an array")]
    [InlineData("[{\"email\":\"a@example.com\",\"event\":\"open\"}]", "$[0].timestamp", "unix time")]
    [InlineData("[{\"timestamp\":1,\"event\":\"open\"}]", "$[0].email", "required")]
    [InlineData("[1]", "$[0]", "must be an object")]
    [InlineData("[{", "$ (line 1", "not valid JSON")]
    public void AMalformedBatchIsReportedWithThePathOfEachProblem(string body, string path, string problem)
    {
        var (events, errors) = SendGridEventBatch.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Empty(events);
        var error = Assert.Single(errors);
        Assert.StartsWith(path, error.Path, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventLargerThanAnySendGridSendsIsRefusedWithItsPath()
    {
        var padding = new string('x', SendGridEventBatch.MaxEventBytes);
        var body = $$"""[{"email":"a@example.com","timestamp":1,"event":"open"},{"email":"a@example.com","timestamp":2,"event":"open","note":"{{padding}}"}]""";

        var (_, errors) = SendGridEventBatch.Parse(Encoding.UTF8.GetBytes(body));

        var error = Assert.Single(errors);
        Assert.Equal("$[1]", error.Path);
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitsALargeBatchIntoArraysOfWholeEventsUnderTheLimitInTheirOrder()
    {
        var events = Enumerable.Range(0, 300).Select(i =>
            $$"""{"email":"customer{{i}}@example.com","timestamp":{{1763870000 + i}},"event":"delivered","sg_event_id":"e{{i}}","sg_message_id":"m{{i}}.f","note":"{{new string('é', 40)}}"}""");
        var body = Encoding.UTF8.GetBytes("[" + string.Join(",", events) + "]");
        const int limit = SendGridEventBatch.MaxEventBytes + 2;

        var parts = SendGridEventBatch.Split(body, limit);

        Assert.InRange(parts.Count, body.Length / limit + 1, body.Length / limit + 2);
        Assert.All(parts, part => Assert.InRange(Encoding.UTF8.GetByteCount(part), 2, limit));
        var rejoined = parts.SelectMany(part => SendGridEventBatch.Parse(Encoding.UTF8.GetBytes(part)).Events).ToList();
        Assert.Equal(SendGridEventBatch.Parse(body).Events, rejoined);
    }

    [Fact]
    public void AnEmptyBatchSplitsIntoNothing() => Assert.Empty(SendGridEventBatch.Split("[]"u8.ToArray(), SendGridEventBatch.MaxEventBytes + 2));
}
