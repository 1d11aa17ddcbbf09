using System.Security.Cryptography;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Testing;

/// <summary>Per-test storage on Azurite: a fresh prefix, so every test has its own tables and queues.</summary>
public static class TestStorage
{
    public static string NewPrefix() => "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Settings for a test: Azurite's connection string and a new prefix.</summary>
    public static IReadOnlyDictionary<string, string?> Settings(string? prefix = null) => new Dictionary<string, string?>
    {
        [$"{StorageOptions.SectionName}:ConnectionString"] = Azurite.ConnectionString,
        [$"{StorageOptions.SectionName}:Prefix"] = prefix ?? NewPrefix(),
    };
}
