using EcCrm.Core.Journeys.Running;
using EcCrm.Orchestration.Journeys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EcCrm.Orchestration.DependencyInjection;

/// <summary>Registers the journey orchestration's services; each host binds <see cref="JourneyRunOptions"/> and, for a fast clock, a <see cref="JourneyClock"/>.</summary>
public static class OrchestrationServiceCollectionExtensions
{
    public static IServiceCollection AddJourneyOrchestration(this IServiceCollection services)
    {
        services.AddOptions<JourneyRunOptions>();
        services.TryAddSingleton(JourneyClock.Real);
        services.AddSingleton(provider => new JourneyRunSettings(
            provider.GetRequiredService<JourneyClock>(), provider.GetRequiredService<IOptions<JourneyRunOptions>>().Value.Retry));
        services.AddSingleton<JourneyInputRouter>();
        services.AddSingleton<JourneyRuns>();
        return services;
    }
}
