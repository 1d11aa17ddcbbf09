using EcCrm.Core.DependencyInjection;
using EcCrm.Infrastructure.DependencyInjection;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EcCrm.Testing;

/// <summary>EcCrm's real services on Azurite, with this test's own tables and queues and a controllable clock.</summary>
public sealed class TestServices : IAsyncDisposable
{
    private TestServices(ServiceProvider provider, string prefix, FakeTimeProvider clock)
    {
        Provider = provider;
        Prefix = prefix;
        Clock = clock;
    }

    public ServiceProvider Provider { get; }

    public string Prefix { get; }

    public FakeTimeProvider Clock { get; }

    public StorageClients Storage => Provider.GetRequiredService<StorageClients>();

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    public static async Task<TestServices> CreateAsync(
        DateTimeOffset? now = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var prefix = TestStorage.NewPrefix();
        var values = TestSettings.For(prefix);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        services.AddEcCrmCore().AddEcCrmInfrastructure(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await StorageInitializer.EnsureCreatedAsync(provider.GetRequiredService<StorageClients>(), CancellationToken.None);
        return new TestServices(provider, prefix, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await DeleteStorageAsync(Storage);
        await Provider.DisposeAsync();
    }

    /// <summary>Removes a test's tables, queues and containers, so a long test run does not slow Azurite down.</summary>
    public static async Task DeleteStorageAsync(StorageClients storage)
    {
        foreach (var table in storage.Names.Tables)
        {
            await storage.Tables.DeleteTableAsync(table);
        }

        foreach (var queue in storage.Names.Queues)
        {
            await storage.Queue(queue).DeleteIfExistsAsync();
        }

        foreach (var container in storage.Names.Containers)
        {
            await storage.Container(container).DeleteIfExistsAsync();
        }
    }
}
