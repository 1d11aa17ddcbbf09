using EcCrm.Core.Shop;
using EcCrm.Core.Surveys;
using EcCrm.Http.Surveys;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace EcCrm.Functions.Surveys;

/// <summary>The survey answer links and the comment form, answered exactly as the Server answers them.</summary>
public sealed class SurveyFunctions(SurveyResponses responses, IOptions<ShopOptions> shop, IOptions<SurveyOptions> surveys)
{
    [Function("SurveyAnswer")]
    public Task<IResult> AnswerAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "survey")] HttpRequest request, CancellationToken cancellationToken) =>
        SurveyHttp.AnswerAsync(request.Query["token"], responses, shop, surveys, request.HttpContext, cancellationToken);

    [Function("SurveyComment")]
    public Task<IResult> CommentAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "survey/comment")] HttpRequest request, CancellationToken cancellationToken) =>
        SurveyHttp.CommentAsync(responses, shop, request.HttpContext, cancellationToken);
}
