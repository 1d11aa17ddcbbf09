using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Surveys;

/// <summary>
/// Records what a customer answers through a survey e-mail's signed links. One click records: a link scanner that
/// follows every link before the customer does is outvoted by the customer's own click later, because another answer
/// replaces the stored one within <see cref="SurveyOptions.ChangeWindow"/> of the first; after it, the first answer
/// stands. The same answer again changes nothing. Writes are ETag-guarded, so clicks at the same moment are applied one
/// after the other, each counted and none lost. The enrollment that sent the e-mail is told the answer as it stands each time (at least once; the
/// decider ignores an answer it has), so a crash between storing and telling is mended by the next click.
/// </summary>
public sealed partial class SurveyResponses(
    SurveyTokens tokens,
    ISurveyAnswerStore answers,
    IEnrollmentInbox inbox,
    IOptions<SurveyOptions> options,
    TimeProvider time,
    ILogger<SurveyResponses> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>Follows an answer link.</summary>
    public async Task<SurveyOutcome> AnswerAsync(string? token, CancellationToken cancellationToken)
    {
        if (Open(token) is not { } link)
        {
            return tokens.Read(token) is null ? new SurveyOutcome.Invalid() : new SurveyOutcome.Expired();
        }

        var (answer, how) = await RecordAsync(link, cancellationToken).ConfigureAwait(false);
        if (how != SurveyRecording.Kept)
        {
            await inbox.DeliverAsync(answer.EnrollmentId, new SurveyAnswered(answer.IdempotencyKey, answer.Survey, answer.Answer, answer.AnsweredAt), cancellationToken).ConfigureAwait(false);
        }

        LogAnswered(logger, answer.IdempotencyKey, link.Answer, how);
        return new SurveyOutcome.Recorded(answer, link, how);
    }

    /// <summary>
    /// Keeps the comment of the follow-up page with the answer (the page's link carries the answer, so a comment sent
    /// without the answer stored first records it too). A later comment replaces an earlier one.
    /// </summary>
    public async Task<SurveyOutcome> CommentAsync(string? token, string? comment, CancellationToken cancellationToken)
    {
        if (Open(token) is not { } link)
        {
            return tokens.Read(token) is null ? new SurveyOutcome.Invalid() : new SurveyOutcome.Expired();
        }

        var text = Clean(comment);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await answers.GetAsync(link.Customer, link.IdempotencyKey, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                await AnswerAsync(token, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (text is null || text == stored.Answer.Comment)
            {
                return new SurveyOutcome.Recorded(stored.Answer, link, SurveyRecording.Same);
            }

            var commented = stored.Answer with { Comment = text, CommentedAt = time.GetUtcNow() };
            if (await answers.TryReplaceAsync(commented, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                return new SurveyOutcome.Recorded(commented, link, SurveyRecording.Same);
            }
        }

        throw new InvalidOperationException($"The answer to {link.IdempotencyKey} kept changing while its comment was stored; try again.");
    }

    /// <summary>The link, when its token is genuine and it has not expired.</summary>
    private SurveyLink? Open(string? token) =>
        tokens.Read(token) is { } link && time.GetUtcNow() <= link.IssuedAt + options.Value.LinkLifetime ? link : null;

    private async Task<(SurveyAnswer Answer, SurveyRecording How)> RecordAsync(SurveyLink link, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var stored = await answers.GetAsync(link.Customer, link.IdempotencyKey, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                var first = new SurveyAnswer
                {
                    Customer = link.Customer,
                    IdempotencyKey = link.IdempotencyKey,
                    JourneyId = link.JourneyId,
                    EnrollmentId = link.EnrollmentId,
                    Survey = link.Survey,
                    Kind = link.Kind,
                    Answer = link.Answer,
                    FirstAnsweredAt = now,
                    AnsweredAt = now,
                };
                if (await answers.TryAddAsync(first, cancellationToken).ConfigureAwait(false))
                {
                    return (first, SurveyRecording.First);
                }

                continue;
            }

            var kept = stored.Answer;
            if (string.Equals(kept.Answer, link.Answer, StringComparison.Ordinal))
            {
                return (kept, SurveyRecording.Same);
            }

            if (now > kept.FirstAnsweredAt + options.Value.ChangeWindow)
            {
                return (kept, SurveyRecording.Kept);
            }

            var changed = kept with { Answer = link.Answer, AnsweredAt = now, Changes = kept.Changes + 1 };
            if (await answers.TryReplaceAsync(changed, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                return (changed, SurveyRecording.Changed);
            }
        }

        throw new InvalidOperationException($"The answer to {link.IdempotencyKey} kept changing while it was stored; try again.");
    }

    private string? Clean(string? comment)
    {
        var text = comment?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var max = options.Value.MaxCommentLength;
        return text.Length <= max ? text : text[..max];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey {IdempotencyKey}: answer {Answer} ({How})")]
    private static partial void LogAnswered(ILogger logger, string idempotencyKey, string answer, SurveyRecording how);
}
