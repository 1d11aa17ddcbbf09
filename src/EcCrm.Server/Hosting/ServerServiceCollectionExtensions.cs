using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Json;
using EcCrm.Core.Messaging.Events;
using EcCrm.Core.Tracking;
using EcCrm.Core.Webhooks;
using EcCrm.Engine;
using EcCrm.Infrastructure.DependencyInjection;
using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Journeys;
using EcCrm.Infrastructure.Storage;
using EcCrm.Server.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Hosting;

/// <summary>What the one-machine host adds on top of Core and Infrastructure: HTTP concerns and the listeners.</summary>
internal static class ServerServiceCollectionExtensions
{
    public static IServiceCollection AddEcCrmServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiOptions, ApiOptionsValidator>(configuration, ApiOptions.SectionName);
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<DashboardSession>();
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

        // Settings below are read when the host starts, not here, so that every configuration source counts
        // (including those a hosting layer such as WebApplicationFactory adds after Program has registered services).

        // Demo and end-to-end tests may run the journeys' clock faster (TimeScale:Factor); everything takes its time
        // from it, journey runs included (a run keeps the clock in its input, so its timers shrink too).
        services.AddOptions<TimeScaleOptions>().Bind(configuration.GetSection(TimeScaleOptions.SectionName));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<TimeScaleOptions>>().Value.CreateJourneyClock());
        services.Replace(ServiceDescriptor.Singleton(provider => TimeScaleOptions.CreateTimeProvider(provider.GetRequiredService<JourneyClock>())));

        // A signature is fresh or stale in real time, whatever the journeys' clock reads.
        services.Replace(ServiceDescriptor.Singleton(provider => ActivatorUtilities.CreateInstance<OrderWebhookIntake>(provider, TimeProvider.System)));
        services.Replace(ServiceDescriptor.Singleton(provider => ActivatorUtilities.CreateInstance<EmailEventIntake>(provider, TimeProvider.System)));
        services.Replace(ServiceDescriptor.Singleton(provider => ActivatorUtilities.CreateInstance<TrackIntake>(provider, TimeProvider.System)));

        // Tables and queues exist before anything that uses them starts.
        services.AddHostedService<StorageInitializer>();
        services.AddHostedService<EmailDeliveryCheck>();

        // host.json sits next to the binaries (linked from the repository root), as in a Functions app.
        // Listeners:Enabled=false serves the API without consuming queues (maintenance, or tests that inspect a queue).
        services.AddEcCrmQueueListeners(Path.Combine(AppContext.BaseDirectory, "host.json"), switchedBy: "Listeners:Enabled");

        // The Durable Task engine runs the journeys (with the journey-inputs listener), unless listeners are off.
        services.AddJourneyEngine(configuration, switchedBy: "Listeners:Enabled");

        // Journeys:Scheduler=false: no journey publishing at start, no sweep (tests that drive those by hand).
        services.AddSwitchableHostedService("Journeys:Scheduler", provider => ActivatorUtilities.CreateInstance<JourneyBackgroundService>(provider));

        return services;
    }
}
