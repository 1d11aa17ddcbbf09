using System.Text.Json.Nodes;
using EcCrm.Deploy.Tests.Arm;
using EcCrm.Deploy.Tests.Bicep;

namespace EcCrm.Deploy.Tests.Infra;

[Collection(CompiledInfrastructureFixtureDefinition.Name)]
public sealed class FunctionAppTests(CompiledInfrastructure infra)
{
    private static readonly string[] TlsVersions = ["1.2", "1.3"];

    private ArmTemplate Module => infra.Main.Module("functionApp");

    private ArmResource Site => Module.SingleOf("Microsoft.Web/sites");

    private JsonObject Settings =>
        Module.OfType("Microsoft.Web/sites/config").Single(config => config.Name.EndsWith("'appsettings')]", StringComparison.Ordinal)).Properties;

    private string Setting(string name) =>
        Settings[name]?.ToString() ?? throw new KeyNotFoundException($"No app setting {name}.");

    [Fact]
    public void RunsOnAFlexConsumptionPlan()
    {
        var plan = Module.SingleOf("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan.Json["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan.Json["sku"]?["tier"]);
        Assert.True((bool?)plan.Properties["reserved"], "Flex Consumption runs on Linux (reserved: true).");
        Assert.Equal("functionapp,linux", (string?)Site.Json["kind"]);
        Assert.Equal("[resourceId('Microsoft.Web/serverfarms', parameters('planName'))]", (string?)Site.Properties["serverFarmId"]);
    }

    [Fact]
    public void RunsTheDotnetIsolatedWorkerOnDotnet10()
    {
        var runtime = Site.Properties["functionAppConfig"]?["runtime"];

        Assert.Equal("dotnet-isolated", (string?)runtime?["name"]);
        Assert.Equal("10.0", (string?)runtime?["version"]);
    }

    [Fact]
    public void RunsAsTheUserAssignedIdentityOnly()
    {
        var identity = Site.Json["identity"]!;

        Assert.Equal("UserAssigned", (string?)identity["type"]);
        var assigned = Assert.Single(identity["userAssignedIdentities"]!.AsObject());
        Assert.Equal("[format('{0}', parameters('identityId'))]", assigned.Key);
        Assert.True(ArmExpressions.IsModuleOutput(Module.ArgumentTextFor("identityId"), "identity", "id"));
        Assert.True(ArmExpressions.IsModuleOutput(Module.ArgumentTextFor("identityClientId"), "identity", "clientId"));
    }

    [Fact]
    public void ResolvesKeyVaultReferencesWithTheUserAssignedIdentity()
    {
        Assert.Equal(ArmExpressions.Parameter("identityId"), (string?)Site.Properties["keyVaultReferenceIdentity"]);
    }

    [Fact]
    public void ReadsItsDeploymentPackageFromBlobStorageWithTheIdentity()
    {
        var storage = Site.Properties["functionAppConfig"]?["deployment"]?["storage"];

        Assert.Equal("blobContainer", (string?)storage?["type"]);
        Assert.Equal("[format('{0}{1}', reference('storage').primaryEndpoints.blob, parameters('deploymentContainerName'))]", (string?)storage?["value"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage?["authentication"]?["type"]);
        Assert.Equal(ArmExpressions.Parameter("identityId"), (string?)storage?["authentication"]?["userAssignedIdentityResourceId"]);
        Assert.Null(storage?["authentication"]?["storageAccountConnectionStringName"]);
        Assert.True(ArmExpressions.IsModuleOutput(Module.ArgumentTextFor("deploymentContainerName"), "storage", "deploymentContainerName"));
    }

    [Fact]
    public void AcceptsOnlyHttpsWithTls12OrNewer()
    {
        Assert.True((bool?)Site.Properties["httpsOnly"]);
        Assert.Contains((string?)Site.Properties["siteConfig"]?["minTlsVersion"], TlsVersions);
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public void RefusesPublishingWithBasicCredentials(string channel)
    {
        var policy = Module.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies")
            .Single(resource => resource.Name.EndsWith($"'{channel}')]", StringComparison.Ordinal));

        Assert.False((bool?)policy.Properties["allow"]);
    }

    [Fact]
    public void IsTaggedWithTheAzdServiceNameFromAzureYaml()
    {
        Assert.Contains("createObject('azd-service-name', parameters('azdServiceName'))", Site.Json["tags"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("functions", Module.ArgumentTextFor("azdServiceName"));
        Assert.Contains("\n  functions:\n    project: ./src/EcCrm.Functions\n", Repository.Read("azure.yaml").ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void SetsEverySettingTheAppReads()
    {
        var missing = AppSettingNames.All.Where(name => Settings[name] is null).ToList();

        Assert.True(missing.Count == 0, $"Missing app settings: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryEcCrmSettingNamesAnOptionTheCodeReads()
    {
        // A misspelt setting is ignored at run time: the app would start without it (an optional key) or refuse to.
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*Options.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .ToList();
        var unknown = Settings.Select(setting => setting.Key)
            .Where(name => !name.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal) && !name.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal))
            .Where(name =>
            {
                var parts = name.Split("__");
                return !sources.Any(source =>
                    source.Contains($"SectionName = \"{parts[0]}\"", StringComparison.Ordinal)
                    && source.Contains($" {parts[1]} {{ get;", StringComparison.Ordinal));
            })
            .ToList();

        Assert.True(unknown.Count == 0, $"App settings no options class reads: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void ReachesHostStorageWithTheManagedIdentity()
    {
        Assert.Equal("managedidentity", Setting("AzureWebJobsStorage__credential"));
        Assert.Equal(ArmExpressions.Parameter("identityClientId"), Setting("AzureWebJobsStorage__clientId"));
        Assert.Equal(ArmExpressions.Parameter("storageAccountName"), Setting("AzureWebJobsStorage__accountName"));
        // Durable Functions keeps its task hub in blobs, queues and tables: all three endpoints are set.
        Assert.Equal("[reference('storage').primaryEndpoints.blob]", Setting("AzureWebJobsStorage__blobServiceUri"));
        Assert.Equal("[reference('storage').primaryEndpoints.queue]", Setting("AzureWebJobsStorage__queueServiceUri"));
        Assert.Equal("[reference('storage').primaryEndpoints.table]", Setting("AzureWebJobsStorage__tableServiceUri"));
    }

    [Fact]
    public void ReachesEcCrmDataWithTheManagedIdentity()
    {
        Assert.Equal("[reference('storage').primaryEndpoints.table]", Setting("Storage__TableServiceUri"));
        Assert.Equal("[reference('storage').primaryEndpoints.queue]", Setting("Storage__QueueServiceUri"));
        Assert.Equal("[reference('storage').primaryEndpoints.blob]", Setting("Storage__BlobServiceUri"));
        Assert.Equal(ArmExpressions.Parameter("identityClientId"), Setting("Storage__ClientId"));
        Assert.True(ArmExpressions.IsModuleOutput(Module.ArgumentTextFor("storageAccountName"), "storage", "name"));
    }

    [Fact]
    public void HoldsNoConnectionStringOrKeyBasedSetting()
    {
        var names = Settings.Select(pair => pair.Key).ToList();

        Assert.DoesNotContain("AzureWebJobsStorage", names);
        Assert.DoesNotContain("Storage__ConnectionString", names);
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", names);
        Assert.DoesNotContain("APPINSIGHTS_INSTRUMENTATIONKEY", names);
        // Flex Consumption takes the runtime from functionAppConfig and rejects these settings.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", names);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", names);
        Assert.DoesNotContain(Settings, pair => pair.Value?.ToString().Contains("AccountKey", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public void PassesTheShopAndSenderSettingsThrough()
    {
        Assert.Equal(ArmExpressions.Parameter("sendGridFromAddress"), Setting("SendGrid__FromAddress"));
        Assert.Equal(ArmExpressions.Parameter("sendGridFromName"), Setting("SendGrid__FromName"));
        Assert.Equal(ArmExpressions.Parameter("sendGridVerificationKey"), Setting("SendGrid__EventWebhookPublicKey"));
        Assert.Equal(ArmExpressions.Parameter("shopName"), Setting("Shop__Name"));
        Assert.Equal(ArmExpressions.Parameter("shopPostalAddress"), Setting("Shop__PostalAddress"));
        Assert.Equal(ArmExpressions.Parameter("shopTimeZone"), Setting("Shop__TimeZone"));
        Assert.Equal(ArmExpressions.Parameter("shopWebsiteUrl"), Setting("Shop__WebsiteUrl"));
    }
}
