using EcCrm.Core.Json;
using EcCrm.Infrastructure.DependencyInjection;
using EcCrm.Infrastructure.Storage;
using EcCrm.Server.Security;

namespace EcCrm.Server.Hosting;

/// <summary>What the one-machine host adds on top of Core and Infrastructure: HTTP concerns and the listeners.</summary>
internal static class ServerServiceCollectionExtensions
{
    public static IServiceCollection AddEcCrmServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiOptions, ApiOptionsValidator>(configuration, ApiOptions.SectionName);
        services.AddSingleton<ApiKeyFilter>();
        services.AddProblemDetails();
        services.AddExceptionHandler<StorageUnavailableHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            foreach (var converter in EcCrmJson.Options.Converters)
            {
                options.SerializerOptions.Converters.Add(converter);
            }

            options.SerializerOptions.DefaultIgnoreCondition = EcCrmJson.Options.DefaultIgnoreCondition;
        });
        services.AddHealthChecks().AddCheck<StorageHealth>("storage");

        // Tables and queues exist before anything that uses them starts.
        services.AddHostedService<StorageInitializer>();

        // host.json sits next to the binaries (linked from the repository root), as in a Functions app.
        // Listeners:Enabled=false serves the API without consuming queues (maintenance, or tests that inspect a queue).
        if (configuration.GetValue("Listeners:Enabled", defaultValue: true))
        {
            services.AddEcCrmQueueListeners(Path.Combine(AppContext.BaseDirectory, "host.json"), configuration);
        }

        return services;
    }
}
