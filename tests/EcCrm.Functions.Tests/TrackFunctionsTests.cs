using System.Net.Http.Headers;
using System.Text.Json;
using EcCrm.Core.Profiles;
using EcCrm.Core.Tracking;
using EcCrm.Functions.Tracking;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using EcCrm.Orchestration.DependencyInjection;
using EcCrm.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Functions.Tests;

/// <summary>The track API and the tracked-events queue as Functions, on Azurite: the same answers and effects as the Server's.</summary>
public class TrackFunctionsTests
{
    private static Task<TestServices> ServicesAsync() => TestServices.CreateAsync(DateTimeOffset.UtcNow, configure: services =>
    {
        // The Functions host registers its configuration; the track API reads the API key from it.
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Api:Key"] = TestSettings.ApiKey }).Build());
        services.AddJourneyOrchestration();
    });

    private static HttpRequestMessage Events(string body, string? apiKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(body, new MediaTypeHeaderValue("application/json")) };
        if (apiKey is not null)
        {
            message.Headers.Add("X-Api-Key", apiKey);
        }

        return message;
    }

    [Fact]
    public async Task AnEventWithTheApiKeyIsQueuedAndTheQueueFunctionStoresItWithTheCustomer()
    {
        await using var services = await ServicesAsync();
        var functions = ActivatorUtilities.CreateInstance<TrackFunctions>(services.Provider);
        var body = JsonSerializer.Serialize(new { eventId = "a-1", type = "added_to_cart", occurredAt = DateTimeOffset.UtcNow, customer = new { email = "aoi@example.jp" }, products = new[] { new { productId = "tea-sencha" } } });
        var request = await FunctionHttp.RequestAsync(Events(body, TestSettings.ApiKey), services);

        var (status, _) = await FunctionHttp.ExecuteAsync(await functions.TrackAsync(request, default), request);

        Assert.Equal(202, status);
        var message = (await services.Storage.Queue(services.Storage.Names.TrackedEventsQueueName).ReceiveMessageAsync()).Value;
        await functions.ApplyAsync(message.Body.ToString(), message.MessageId, message.DequeueCount, message.InsertedOn!.Value, default);
        var stored = await services.Get<ICustomerEvents>().ListAsync(TestKeys.ForEmail("aoi@example.jp"), DateTimeOffset.UtcNow.AddDays(-1), default);
        Assert.Equal("tea-sencha", Assert.Single(stored).Lines[0].ProductId);
    }

    [Fact]
    public async Task WithoutAKeyOrSignatureTheRequestGets401AndNothingIsQueued()
    {
        await using var services = await ServicesAsync();
        var functions = ActivatorUtilities.CreateInstance<TrackFunctions>(services.Provider);
        var request = await FunctionHttp.RequestAsync(Events("""{ "eventId": "a-1" }""", apiKey: null), services);

        var (status, _) = await FunctionHttp.ExecuteAsync(await functions.TrackAsync(request, default), request);

        Assert.Equal(401, status);
        Assert.Empty((await services.Storage.Queue(services.Storage.Names.TrackedEventsQueueName).PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task AnUnreadableMessageGoesToThePoisonQueueWithTheReason()
    {
        await using var services = await ServicesAsync();

        await ActivatorUtilities.CreateInstance<TrackFunctions>(services.Provider).ApplyAsync("{not json", "m-1", 1, DateTimeOffset.UtcNow, default);

        var poisoned = Assert.Single((await services.Get<PoisonQueue>().PeekAsync(StorageNames.TrackedEventsQueue, default)).Messages);
        Assert.Contains("Unprocessable", poisoned.Reason, StringComparison.Ordinal);
    }
}
