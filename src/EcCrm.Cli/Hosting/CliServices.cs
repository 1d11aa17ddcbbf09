using EcCrm.Core.DependencyInjection;
using EcCrm.Engine;
using EcCrm.Infrastructure.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcCrm.Cli.Hosting;

/// <summary>
/// The services a command needs to reach storage, configured exactly like the Server: environment variables
/// such as <c>Storage__ConnectionString</c> (default: Azurite on its usual ports) over the settings
/// <c>scripts/run.sh</c> started the Server with (<see cref="CliSettings"/>), plus any overrides given.
/// </summary>
public static class CliServices
{
    public static ServiceProvider Create(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var configuration = Configuration(overrides);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).SetMinimumLevel(LogLevel.Warning));
        services.AddEcCrmCore().AddEcCrmInfrastructure(configuration).AddJourneyEngineClient(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>
    /// The settings as the Server reads them: those <c>scripts/run.sh</c> started it with (<see cref="CliSettings"/>),
    /// environment variables (<c>Shop__TimeZone</c> …), then any overrides.
    /// </summary>
    public static IConfiguration Configuration(IReadOnlyDictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(CliSettings.Read())
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
}
