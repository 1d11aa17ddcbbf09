namespace EcCrm.Cli.Hosting;

/// <summary>
/// The settings file <c>scripts/run.sh</c> writes when it starts the local stack, <c>.eccrm/settings.env</c>: the
/// settings it gave the Server (the shop, storage, secrets of the demo), one <c>Section__Key=value</c> a line. eccrm
/// reads it from the directory it runs in, under the environment, so a command run from the repository root uses the
/// same storage and shop as the Server without loading <c>scripts/demo.env</c> first.
/// </summary>
public static class CliSettings
{
    public const string RelativePath = ".eccrm/settings.env";

    /// <summary>The settings in the file of <paramref name="directory"/> (the current one by default); none when there is no file.</summary>
    public static IReadOnlyDictionary<string, string?> Read(string? directory = null)
    {
        var path = Path.Combine(directory ?? Directory.GetCurrentDirectory(), RelativePath);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return settings;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && !line.TrimStart().StartsWith('#'))
            {
                settings[line[..equals].Trim().Replace("__", ":", StringComparison.Ordinal)] = line[(equals + 1)..];
            }
        }

        return settings;
    }
}
