using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcCrm.Deploy.Tests.Arm;
using EcCrm.Deploy.Tests.Bicep;

namespace EcCrm.Deploy.Tests.Infra;

[Collection(CompiledInfrastructureFixtureDefinition.Name)]
public sealed partial class KeyVaultTests(CompiledInfrastructure infra)
{
    private ArmTemplate KeyVaultModule => infra.Main.Module("keyVault");

    private ArmTemplate FunctionAppModule => infra.Main.Module("functionApp");

    private ArmResource Vault => KeyVaultModule.SingleOf("Microsoft.KeyVault/vaults");

    /// <summary>Secret name -> value expression, as main.bicep hands them to the Key Vault module.</summary>
    private JsonObject SecretsPassedToTheVault => KeyVaultModule.ArgumentFor("secrets")!.AsObject();

    private JsonObject Settings =>
        FunctionAppModule.OfType("Microsoft.Web/sites/config").Single().Properties;

    public static TheoryData<string> SecretSettings => new(AppSettingNames.Secrets);

    [Fact]
    public void AuthorizesWithAzureRolesNotAccessPolicies()
    {
        Assert.True((bool?)Vault.Properties["enableRbacAuthorization"]);
        Assert.Null(Vault.Properties["accessPolicies"]);
    }

    [Fact]
    public void KeepsDeletedSecretsRecoverable()
    {
        Assert.True((bool?)Vault.Properties["enableSoftDelete"]);
        Assert.True((bool?)Vault.Properties["enablePurgeProtection"]);
        Assert.True((int?)Vault.Properties["softDeleteRetentionInDays"] >= 7);
    }

    [Fact]
    public void IsNotOpenToVirtualMachinesOrTemplateDeployments()
    {
        Assert.False((bool?)Vault.Properties["enabledForDeployment"]);
        Assert.False((bool?)Vault.Properties["enabledForTemplateDeployment"]);
        Assert.False((bool?)Vault.Properties["enabledForDiskEncryption"]);
    }

    [Theory]
    [MemberData(nameof(SecretSettings))]
    public void SecretSettingIsAKeyVaultReferenceToASecretTheVaultHolds(string setting)
    {
        var value = Settings[setting]?.ToString() ?? "";
        var reference = KeyVaultReference().Match(value);

        Assert.True(reference.Success, $"{setting} must be a Key Vault reference, found: {value}");
        Assert.Contains(reference.Groups["secret"].Value, SecretsPassedToTheVault.Select(pair => pair.Key));
        // The vault the reference names is the vault the secrets were written to.
        Assert.True(ArmExpressions.IsModuleOutput(FunctionAppModule.ArgumentTextFor("keyVaultName"), "keyVault", "name"));
    }

    [Fact]
    public void EverySecretInTheVaultComesFromASecureParameterWithoutDefault()
    {
        var mainParameters = infra.Main.Parameters;

        Assert.Equal(AppSettingNames.Secrets.Count, SecretsPassedToTheVault.Count);
        foreach (var (name, value) in SecretsPassedToTheVault)
        {
            var parameter = SecureParameterReference().Match(value?.ToString() ?? "");
            Assert.True(parameter.Success, $"Secret {name} must come straight from a parameter, found: {value}");
            var declaration = mainParameters[parameter.Groups["name"].Value]!;
            Assert.Equal("securestring", (string?)declaration["type"]);
            Assert.Null(declaration["defaultValue"]);
        }
    }

    [Fact]
    public void EverySecretInTheVaultIsReadBySomeSetting()
    {
        var referenced = Settings.Select(pair => KeyVaultReference().Match(pair.Value?.ToString() ?? ""))
            .Where(match => match.Success)
            .Select(match => match.Groups["secret"].Value)
            .ToHashSet();

        Assert.All(SecretsPassedToTheVault.Select(pair => pair.Key), name => Assert.Contains(name, referenced));
    }

    [Fact]
    public void WritesSecretsFromTheSecureObjectOnly()
    {
        var secret = KeyVaultModule.SingleOf("Microsoft.KeyVault/vaults/secrets");

        Assert.Equal("secureObject", (string?)KeyVaultModule.Parameters["secrets"]?["type"]);
        Assert.Equal("[items(parameters('secrets'))[copyIndex()].value]", (string?)secret.Properties["value"]);
    }

    [GeneratedRegex(@"^\[format\('@Microsoft\.KeyVault\(VaultName=\{0\};SecretName=(?<secret>[A-Za-z0-9-]+)\)', parameters\('keyVaultName'\)\)\]$")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex(@"^\[parameters\('(?<name>\w+)'\)\]$")]
    private static partial Regex SecureParameterReference();
}
