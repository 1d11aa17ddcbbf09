using EcCrm.Testing;
using Microsoft.AspNetCore.Http;

namespace EcCrm.Functions.Tests;

/// <summary>
/// HTTP-triggered functions called as the Functions host's ASP.NET Core integration calls them: an
/// <see cref="HttpRequest"/> in, an <see cref="IResult"/> out, written to the response.
/// </summary>
internal static class FunctionHttp
{
    public static async Task<HttpRequest> RequestAsync(HttpRequestMessage message, TestServices services)
    {
        var context = new DefaultHttpContext { RequestServices = services.Provider };
        var request = context.Request;
        request.Method = message.Method.Method;
        request.Path = message.RequestUri!.OriginalString.Split('?')[0];
        request.QueryString = message.RequestUri.OriginalString.Contains('?', StringComparison.Ordinal)
            ? new QueryString("?" + message.RequestUri.OriginalString.Split('?', 2)[1])
            : QueryString.Empty;
        foreach (var header in message.Headers.Concat(message.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            request.Headers[header.Key] = header.Value.ToArray();
        }

        var body = message.Content is null ? [] : await message.Content.ReadAsByteArrayAsync();
        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;
        context.Response.Body = new MemoryStream();
        return request;
    }

    /// <summary>Writes the result as the host would; the status code and body.</summary>
    public static async Task<(int Status, string Body)> ExecuteAsync(IResult result, HttpRequest request)
    {
        await result.ExecuteAsync(request.HttpContext);
        var response = request.HttpContext.Response;
        response.Body.Position = 0;
        using var reader = new StreamReader(response.Body);
        return (response.StatusCode, await reader.ReadToEndAsync());
    }
}
