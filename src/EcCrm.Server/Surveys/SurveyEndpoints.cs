using EcCrm.Core.Shop;
using EcCrm.Core.Surveys;
using EcCrm.Http.Surveys;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Surveys;

/// <summary>The survey answer links and the comment form (shared with the Functions app).</summary>
internal static class SurveyEndpoints
{
    public static IEndpointRouteBuilder MapSurveys(this IEndpointRouteBuilder app)
    {
        app.MapGet(
            "/survey",
            (string? token, SurveyResponses responses, IOptions<ShopOptions> shop, IOptions<SurveyOptions> surveys, HttpContext context, CancellationToken cancellationToken) =>
                SurveyHttp.AnswerAsync(token, responses, shop, surveys, context, cancellationToken));
        app.MapPost(
            "/survey/comment",
            (SurveyResponses responses, IOptions<ShopOptions> shop, HttpContext context, CancellationToken cancellationToken) =>
                SurveyHttp.CommentAsync(responses, shop, context, cancellationToken))
            .DisableAntiforgery();
        return app;
    }
}
