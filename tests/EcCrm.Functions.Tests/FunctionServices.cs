using EcCrm.Orchestration.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using EcCrm.Testing;

namespace EcCrm.Functions.Tests;

/// <summary>
/// The services the Functions app registers (Core, Infrastructure, the journey orchestration) on Azurite, with this
/// test's own storage. Webhook signatures are judged against the clock, so tests of them start it at the real time.
/// </summary>
internal static class FunctionServices
{
    public static Task<TestServices> CreateAsync(DateTimeOffset? now = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null) =>
        TestServices.CreateAsync(now, settings, services =>
        {
            services.AddJourneyOrchestration();
            configure?.Invoke(services);
        });
}
