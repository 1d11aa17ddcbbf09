using EcCrm.Core.Json;
using EcCrm.Infrastructure.DependencyInjection;
using EcCrm.Infrastructure.Storage;
using EcCrm.Server.Security;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Hosting;

/// <summary>What the one-machine host adds on top of Core and Infrastructure: HTTP concerns and the listeners.</summary>
internal static class ServerServiceCollectionExtensions
{
    public static IServiceCollection AddEcCrmServer(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            foreach (var converter in EcCrmJson.Options.Converters)
            {
                options.SerializerOptions.Converters.Add(converter);
            }

            options.SerializerOptions.DefaultIgnoreCondition = EcCrmJson.Options.DefaultIgnoreCondition;
        });
        services.AddHealthChecks().AddCheck<StorageHealth>("storage");

        // host.json sits next to the binaries (linked from the repository root), as in a Functions app.
        services.AddEcCrmQueueListeners(Path.Combine(AppContext.BaseDirectory, "host.json"));
        return services;
    }
}
