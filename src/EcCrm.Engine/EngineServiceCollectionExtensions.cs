using DurableTask.AzureStorage;
using DurableTask.Core;
using EcCrm.Core.Json;
using EcCrm.Core.Privacy;
using EcCrm.Infrastructure.DependencyInjection;
using EcCrm.Infrastructure.Journeys;
using EcCrm.Infrastructure.Storage;
using EcCrm.Orchestration.DependencyInjection;
using EcCrm.Orchestration.Journeys;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Engine;

/// <summary>The Server's journey engine: the backend, the client, the journey orchestration, the journey-inputs listener, the worker and the purge.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>The client side only: what eccrm and a Server that runs no journeys need to look at and act on runs.</summary>
    public static IServiceCollection AddJourneyEngineClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DurableOptions, DurableOptionsValidator>(configuration, DurableOptions.SectionName);
        services.AddOptions<JourneyRunOptions>().Bind(configuration.GetSection(JourneyRunOptions.SectionName));
        services.AddJourneyOrchestration();
        services.AddSingleton<DataConverter>(new JsonDataConverter(EcCrmJson.Options));
        services.AddSingleton(provider => EngineBackend.Create(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value,
            provider.GetRequiredService<IOptions<DurableOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IOrchestrationService>(provider => provider.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<IOrchestrationServiceClient>(provider => provider.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<DurableTaskClient>(provider => new EngineClient(
            provider.GetRequiredService<IOrchestrationServiceClient>(), provider.GetRequiredService<DataConverter>()));
        services.AddSingleton<ICustomerRuns, EngineCustomerRuns>();
        services.AddSingleton<CustomerErasure>();
        return services;
    }

    /// <summary>
    /// The client, plus what runs journeys: the worker, the journey-inputs listener and the purge, all off when the
    /// setting <paramref name="switchedBy"/> is false (a Server that only serves the API).
    /// </summary>
    public static IServiceCollection AddJourneyEngine(this IServiceCollection services, IConfiguration configuration, string switchedBy)
    {
        services.AddJourneyEngineClient(configuration);
        services.AddSingleton(provider =>
        {
            var router = provider.GetRequiredService<JourneyInputRouter>();
            var durable = provider.GetRequiredService<DurableTaskClient>();
            return new JourneyInputHandler((message, cancellationToken) => router.RouteAsync(durable, message, cancellationToken));
        });
        services.AddQueueListener<JourneyInputHandler>(switchedBy);
        services.AddSwitchableHostedService(switchedBy, provider => ActivatorUtilities.CreateInstance<JourneyEngine>(provider));
        services.AddSwitchableHostedService(switchedBy, provider => ActivatorUtilities.CreateInstance<JourneyRunPurge>(provider));
        return services;
    }
}
