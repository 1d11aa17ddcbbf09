using System.Net;
using System.Text.Json;
using EcCrm.Core.DependencyInjection;
using EcCrm.Infrastructure.DependencyInjection;
using EcCrm.Server.Hosting;
using EcCrm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace EcCrm.Server.Tests.Hosting;

public class StartupTests
{
    [Theory]
    [InlineData("Webhooks:Shopify:Secret", "", "Setting 'Webhooks:Shopify:Secret' (environment variable Webhooks__Shopify__Secret) is missing.")]
    [InlineData("Webhooks:Generic:Secret", "short", "Setting 'Webhooks:Generic:Secret' is too short to be a secret")]
    [InlineData("Api:Key", "", "Setting 'Api:Key' (environment variable Api__Key) is missing")]
    [InlineData("Api:SessionLifetime", "90.00:00:00", "Setting 'Api:SessionLifetime' must be between 00:01:00 and 30.00:00:00, not 90.00:00:00.")]
    [InlineData("Storage:ConnectionString", "AccountName=x;Nonsense", "Setting 'Storage:ConnectionString' is not a valid storage connection string")]
    [InlineData("Shop:TimeZone", "Tokyo", "Setting 'Shop:TimeZone' must be an IANA time zone such as Asia/Tokyo or Europe/Berlin, not 'Tokyo'.")]
    public async Task RefusesToStartWithAMissingOrInvalidSettingAndNamesIt(string setting, string value, string message)
    {
        // The Server's own composition and start-up check, as Program runs them: a wrong setting stops it with a line
        // that names the setting (StartupOutputTests shows the process prints it without a stack trace).
        var settings = TestSettings.For(TestStorage.NewPrefix());
        settings[setting] = value;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = RepositoryRoot.Combine("src", "EcCrm.Server") });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddEcCrmCore().AddEcCrmInfrastructure(builder.Configuration).AddEcCrmServer(builder.Configuration);
        await using var app = builder.Build();
        var error = new StringWriter();

        Assert.False(StartupSettings.AreValid(app.Services, error));

        var lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.StartsWith("EcCrm cannot start: " + message, StringComparison.Ordinal));
        Assert.Equal(StartupSettings.Hint, lines[^1]);
    }

    [Fact]
    public async Task StartsWithoutTheSecretOfADisabledSource()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Webhooks:WooCommerce:Secret"] = "", ["Webhooks:WooCommerce:Enabled"] = "false" });

        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task ReportsHealthyWhenStorageAnswers()
    {
        await using var host = new ServerHost();

        var health = JsonDocument.Parse(await host.CreateClient().GetStringAsync("/healthz")).RootElement;

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReportsUnhealthyWith503WhenStorageDoesNotAnswer()
    {
        var nowhere = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + "BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        await using var host = new ServerHost(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = nowhere,
            ["Listeners:Enabled"] = "false",
        });

        var response = await host.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Storage does not answer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApiCallWhileStorageFailsGets503ThatDoesNotClaimNothingHappened()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        await host.Storage.Table(host.Storage.Names.Journeys).DeleteAsync();

        var response = await client.GetAsync("/api/journeys");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Equal("Storage did not answer, so the request may have been carried out in part or not at all. Check its effect, or retry it later.", detail);
    }
}
