using Microsoft.Extensions.Options;

namespace EcCrm.Server.Hosting;

/// <summary>
/// Checks every setting before the host starts, so a missing or wrong one stops the Server with a line that names it
/// and says how to set it, instead of the host's stack trace.
/// </summary>
internal static class StartupSettings
{
    public const string Hint =
        "Settings are environment variables such as Shop__Name (README.md, Configuration); for the local demo scripts/run.sh sets them all, or load them with: set -a; . scripts/demo.env; set +a";

    /// <returns><c>false</c>, after writing why to <paramref name="error"/>, when a setting is missing or wrong.</returns>
    public static bool AreValid(IServiceProvider services, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (Exception ex) when (Failures(ex) is { Count: > 0 } failures)
        {
            foreach (var failure in failures)
            {
                error.WriteLine($"EcCrm cannot start: {failure}");
            }

            error.WriteLine(Hint);
            return false;
        }
    }

    private static List<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(inner => inner is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(invalid => invalid.Failures)],
        _ => [],
    };
}
