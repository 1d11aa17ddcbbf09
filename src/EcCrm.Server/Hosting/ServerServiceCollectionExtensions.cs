using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Json;
using EcCrm.Core.Messaging.Events;
using EcCrm.Core.Webhooks;
using EcCrm.Infrastructure.DependencyInjection;
using EcCrm.Infrastructure.Journeys;
using EcCrm.Infrastructure.Storage;
using EcCrm.Server.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

        // Demo and end-to-end tests may run the clock faster (TimeScale:Factor); everything takes its time from here.
        var clock = configuration.GetSection(TimeScaleOptions.SectionName).Get<TimeScaleOptions>() ?? new TimeScaleOptions();
        services.Replace(ServiceDescriptor.Singleton(clock.CreateClock()));
        services.PostConfigure<RunnerOptions>(runner => runner.LeaseDuration *= clock.Factor); // a lease lasts as long in real time

        // A signature is fresh or stale in real time, whatever the journeys' clock reads.
        services.Replace(ServiceDescriptor.Singleton(provider => ActivatorUtilities.CreateInstance<OrderWebhookIntake>(provider, TimeProvider.System)));
        services.Replace(ServiceDescriptor.Singleton(provider => ActivatorUtilities.CreateInstance<EmailEventIntake>(provider, TimeProvider.System)));

        // Tables and queues exist before anything that uses them starts.
        services.AddHostedService<StorageInitializer>();

        // host.json sits next to the binaries (linked from the repository root), as in a Functions app.
        // Listeners:Enabled=false serves the API without consuming queues (maintenance, or tests that inspect a queue).
        if (configuration.GetValue("Listeners:Enabled", defaultValue: true))
        {
            services.AddEcCrmQueueListeners(Path.Combine(AppContext.BaseDirectory, "host.json"), configuration);
        }

        if (configuration.GetValue("Journeys:Scheduler", defaultValue: true))
        {
            services.AddHostedService<JourneyBackgroundService>();
        }

        return services;
    }
}
