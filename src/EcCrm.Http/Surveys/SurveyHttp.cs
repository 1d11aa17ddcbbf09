using EcCrm.Core.Shop;
using EcCrm.Core.Surveys;
using EcCrm.Http.Email;
using EcCrm.Http.Webhooks;
using Microsoft.Extensions.Options;

namespace EcCrm.Http.Surveys;

/// <summary>
/// The survey answer links: <c>GET /survey?token=…</c> records the answer the link carries and thanks the customer (with
/// the comment form when the survey asks for one); <c>POST /survey/comment</c> keeps the comment. Only GET records, as a
/// click does: a <c>HEAD</c> (link checkers) records nothing, and a scanner's clicks before the customer's are outvoted
/// by the customer's own within the change window. A tampered link gets 400, an expired one 410, storage that does not
/// answer 503: each a page, never an error trace.
/// </summary>
public static class SurveyHttp
{
    public static async Task<IResult> AnswerAsync(string? token, SurveyResponses responses, IOptions<ShopOptions> shop, IOptions<SurveyOptions> surveys, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(surveys);
        SurveyOutcome outcome;
        try
        {
            outcome = await responses.AnswerAsync(token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageUnavailable.IsStorageFailure(ex))
        {
            return StorageUnavailable.Answer(context, ex, StorageUnavailable.RequestMayBePartial);
        }

        return await PageAsync(outcome, shop.Value, context, (recorded, language) => SurveyPage.Answered(shop.Value.Name, recorded, token!, surveys.Value.ChangeWindow, language)).ConfigureAwait(false);
    }

    public static async Task<IResult> CommentAsync(SurveyResponses responses, IOptions<ShopOptions> shop, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.HasFormContentType)
        {
            return UnsubscribeHttp.Page(context, SurveyPage.Invalid(shop.Value.Name), StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        SurveyOutcome outcome;
        try
        {
            outcome = await responses.CommentAsync(form["token"].ToString(), form["comment"].ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageUnavailable.IsStorageFailure(ex))
        {
            return StorageUnavailable.Answer(context, ex, StorageUnavailable.RequestMayBePartial);
        }

        return await PageAsync(outcome, shop.Value, context, (_, language) => SurveyPage.Commented(shop.Value.Name, language)).ConfigureAwait(false);
    }

    private static async Task<IResult> PageAsync(SurveyOutcome outcome, ShopOptions shop, HttpContext context, Func<SurveyOutcome.Recorded, string, string> page)
    {
        switch (outcome)
        {
            case SurveyOutcome.Recorded recorded:
                var language = await UnsubscribeHttp.LanguageAsync(recorded.Link.Customer, shop, context).ConfigureAwait(false);
                return UnsubscribeHttp.Page(context, page(recorded, language));
            case SurveyOutcome.Expired:
                return UnsubscribeHttp.Page(context, SurveyPage.Closed(shop.Name, UnsubscribeHttp.LanguageOf(null, shop)), StatusCodes.Status410Gone);
            default:
                return UnsubscribeHttp.Page(context, SurveyPage.Invalid(shop.Name, UnsubscribeHttp.LanguageOf(null, shop)), StatusCodes.Status400BadRequest);
        }
    }
}
