using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Profiles;
using EcCrm.Core.Surveys;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Surveys;

/// <summary>Answer links on real storage: stored once, changed within the window, guarded against racing clicks, refused when forged or old.</summary>
public class SurveyResponsesTests
{
    private static readonly DateTimeOffset Sent = new(2026, 3, 12, 1, 0, 0, TimeSpan.Zero);
    private static readonly CustomerKey Customer = TestKeys.ForEmail("sora@example.jp");
    private static readonly string Key = $"post-purchase-nps:{Customer}:1:ask:1";
    private static readonly string[] Racing = ["1", "2", "3", "4"];

    private static string Token(TestServices services, string answer) =>
        services.Get<SurveyTokens>().Create(new SurveyLink(Key, SurveyKind.Nps, answer, Sent, FollowUp: true));

    [Fact]
    public async Task AnAnswerIsStoredOnceAndTheRunIsToldEachTimeItIsClicked()
    {
        await using var services = await TestServices.CreateAsync(Sent.AddHours(2));
        var responses = services.Get<SurveyResponses>();

        var first = Assert.IsType<SurveyOutcome.Recorded>(await responses.AnswerAsync(Token(services, "3"), default));
        var again = Assert.IsType<SurveyOutcome.Recorded>(await responses.AnswerAsync(Token(services, "3"), default));

        Assert.Equal((SurveyRecording.First, SurveyRecording.Same), (first.How, again.How));
        var stored = Assert.Single(await services.Get<ISurveyAnswerStore>().ListByCustomerAsync(Customer, default));
        Assert.Equal(("3", 0, "ask", "post-purchase-nps"), (stored.Answer, stored.Changes, stored.Survey, stored.JourneyId));
        var told = (await services.Storage.Queue(services.Storage.Names.JourneyInputsQueueName).PeekMessagesAsync(10)).Value;
        Assert.Equal(2, told.Length);
        Assert.All(told, message => Assert.Contains("\"input\":\"surveyAnswered\"", message.Body.ToString(), StringComparison.Ordinal));
        Assert.Equal(told[0].Body.ToString(), told[1].Body.ToString()); // the same answer, as stored: the run ignores the copy
    }

    [Fact]
    public async Task AnotherAnswerWithinTheWindowReplacesTheFirstAndAfterItTheFirstStands()
    {
        await using var services = await TestServices.CreateAsync(Sent.AddHours(2));
        var responses = services.Get<SurveyResponses>();
        await responses.AnswerAsync(Token(services, "3"), default);

        services.Clock.Advance(TimeSpan.FromDays(2));
        var changed = Assert.IsType<SurveyOutcome.Recorded>(await responses.AnswerAsync(Token(services, "8"), default));
        services.Clock.Advance(TimeSpan.FromDays(6));
        var kept = Assert.IsType<SurveyOutcome.Recorded>(await responses.AnswerAsync(Token(services, "10"), default));

        Assert.Equal((SurveyRecording.Changed, "8"), (changed.How, changed.Answer.Answer));
        Assert.Equal((SurveyRecording.Kept, "8"), (kept.How, kept.Answer.Answer));
        var stored = Assert.Single(await services.Get<ISurveyAnswerStore>().ListByCustomerAsync(Customer, default));
        Assert.Equal(("8", 1), (stored.Answer, stored.Changes));
    }

    [Fact]
    public async Task ClicksAtTheSameMomentAreAppliedOneAfterTheOtherAndNoneIsLost()
    {
        await using var services = await TestServices.CreateAsync(Sent.AddHours(2));
        var responses = services.Get<SurveyResponses>();
        await responses.AnswerAsync(Token(services, "5"), default);

        var outcomes = await Task.WhenAll(Racing.Select(answer => responses.AnswerAsync(Token(services, answer), default)));

        Assert.All(outcomes, outcome => Assert.Equal(SurveyRecording.Changed, Assert.IsType<SurveyOutcome.Recorded>(outcome).How));
        var stored = Assert.Single(await services.Get<ISurveyAnswerStore>().ListByCustomerAsync(Customer, default));
        Assert.Equal(4, stored.Changes);
        Assert.Contains(stored.Answer, Racing);
    }

    [Fact]
    public async Task AForgedOrExpiredLinkRecordsNothingAndACommentIsKeptWithTheAnswer()
    {
        await using var services = await TestServices.CreateAsync(Sent.AddHours(2));
        var responses = services.Get<SurveyResponses>();
        var token = Token(services, "6");

        Assert.IsType<SurveyOutcome.Invalid>(await responses.AnswerAsync(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1], default));
        var commented = Assert.IsType<SurveyOutcome.Recorded>(await responses.CommentAsync(token, "  Arrived late.  ", default));
        Assert.Equal(("6", "Arrived late."), (commented.Answer.Answer, commented.Answer.Comment));

        services.Clock.Advance(TimeSpan.FromDays(31));
        Assert.IsType<SurveyOutcome.Expired>(await responses.AnswerAsync(token, default));
        Assert.IsType<SurveyOutcome.Expired>(await responses.CommentAsync(token, "later", default));
        Assert.Equal("Arrived late.", Assert.Single(await services.Get<ISurveyAnswerStore>().ListByCustomerAsync(Customer, default)).Comment);
    }
}
