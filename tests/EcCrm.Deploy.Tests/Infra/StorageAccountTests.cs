using EcCrm.Deploy.Tests.Arm;
using EcCrm.Deploy.Tests.Bicep;

namespace EcCrm.Deploy.Tests.Infra;

[Collection(CompiledInfrastructureFixtureDefinition.Name)]
public sealed class StorageAccountTests(CompiledInfrastructure infra)
{
    private static readonly string[] TlsVersions = ["TLS1_2", "TLS1_3"];

    private ArmTemplate Module => infra.Main.Module("storage");

    private ArmResource Account => Module.SingleOf("Microsoft.Storage/storageAccounts");

    [Fact]
    public void AcceptsOnlyMicrosoftEntraIdentities()
    {
        Assert.False((bool?)Account.Properties["allowSharedKeyAccess"]);
        Assert.True((bool?)Account.Properties["defaultToOAuthAuthentication"]);
    }

    [Fact]
    public void AcceptsOnlyHttpsWithTls12OrNewer()
    {
        Assert.True((bool?)Account.Properties["supportsHttpsTrafficOnly"]);
        Assert.Contains((string?)Account.Properties["minimumTlsVersion"], TlsVersions);
    }

    [Fact]
    public void AllowsNoAnonymousBlobAccess()
    {
        Assert.False((bool?)Account.Properties["allowBlobPublicAccess"]);
        Assert.All(Module.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"),
            container => Assert.Equal("None", (string?)container.Properties["publicAccess"]));
    }

    [Fact]
    public void DoesNotReplicateToOtherTenants()
    {
        Assert.False((bool?)Account.Properties["allowCrossTenantReplication"]);
    }

    [Fact]
    public void IsAGeneralPurposeV2AccountWithBlobsQueuesAndTables()
    {
        Assert.Equal("StorageV2", (string?)Account.Json["kind"]);
    }

    [Fact]
    public void HoldsTheDeploymentPackageContainer()
    {
        var container = Module.SingleOf("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("[format('{0}/{1}/{2}', parameters('name'), 'default', parameters('deploymentContainerName'))]", container.Name);
        Assert.NotNull(Module.Outputs["deploymentContainerName"]);
    }
}
