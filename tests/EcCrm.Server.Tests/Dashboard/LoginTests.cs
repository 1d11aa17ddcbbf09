using System.Net;
using System.Net.Http.Json;
using EcCrm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EcCrm.Server.Tests.Dashboard;

/// <summary><c>POST /login</c>: the dashboard's sign-in form.</summary>
public class LoginTests
{
    [Fact]
    public async Task ABodyThatIsNotAFormGets400NotAServerError()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var json = await client.PostAsJsonAsync("/login", new { apiKey = TestSettings.ApiKey });
        var text = await client.PostAsync(new Uri("/login", UriKind.Relative), new StringContent("apiKey=" + TestSettings.ApiKey));
        var none = await client.PostAsync(new Uri("/login", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.False(json.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task TheFormSignsInWithTheApiKeyAndRefusesAnyOther()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var wrong = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent([new("apiKey", "not-the-key")]));
        var right = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent([new("apiKey", TestSettings.ApiKey)]));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains(right.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("eccrm_session=", StringComparison.Ordinal));
    }
}
