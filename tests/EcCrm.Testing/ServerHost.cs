using EcCrm.Infrastructure.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Testing;

/// <summary>
/// The real Server in-process on Azurite, with this test's own tables and queues. Queue settings are tightened
/// (no retry delay, fast polling) through the same app-setting overrides of host.json that Azure Functions reads.
/// </summary>
public sealed class ServerHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public ServerHost(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        // The content root WebApplicationFactory would otherwise guess from the calling assembly (wrong for the benchmarks).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ECCRM_SERVER", RepositoryRoot.Combine("src", "EcCrm.Server"));
        Prefix = overrides?.GetValueOrDefault("Storage:Prefix") ?? TestStorage.NewPrefix();
        settings = TestSettings.For(Prefix);
        settings["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00";
        settings["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.200";
        settings["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("ECCRM_TEST_LOG_LEVEL") ?? "Warning";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    public string Prefix { get; }

    /// <summary>Services to add or replace after the Server's own (an in-memory telemetry exporter, say).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public StorageClients Storage => Services.GetRequiredService<StorageClients>();

    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        if (ConfigureServices is { } configure)
        {
            builder.ConfigureServices(configure);
        }
    }

    /// <summary>Leave the tables and queues in place on dispose, for a second host on the same storage (a restart).</summary>
    public bool KeepStorage { get; init; }

    public override async ValueTask DisposeAsync()
    {
        // The host stops first, so nothing of it is still at work on storage that is being deleted.
        StorageClients? storage = null;
        DurableTask.Core.IOrchestrationService? engine = null;
        try
        {
            storage = KeepStorage || settings.GetValueOrDefault("Storage:Prefix") is null ? null : Storage;
            engine = storage is null ? null : Services.GetRequiredService<DurableTask.Core.IOrchestrationService>();
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException or AggregateException)
        {
            // The host never started (a start-up test): there is nothing to delete.
        }

        await base.DisposeAsync();
        if (storage is not null)
        {
            try
            {
                await TestServices.DeleteStorageAsync(storage);
                await engine!.DeleteAsync(); // the task hub's queues, tables and blobs
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or AggregateException)
            {
                // Points at no storage (a start-up test).
            }

            if (Directory.Exists(TestSettings.MailSink(Prefix)))
            {
                Directory.Delete(TestSettings.MailSink(Prefix), recursive: true);
            }
        }
    }
}
