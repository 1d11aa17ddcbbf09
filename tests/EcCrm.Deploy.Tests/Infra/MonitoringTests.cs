using EcCrm.Deploy.Tests.Arm;
using EcCrm.Deploy.Tests.Bicep;

namespace EcCrm.Deploy.Tests.Infra;

[Collection(CompiledInfrastructureFixtureDefinition.Name)]
public sealed class MonitoringTests(CompiledInfrastructure infra)
{
    private ArmTemplate Module => infra.Main.Module("monitoring");

    private ArmResource AppInsights => Module.SingleOf("Microsoft.Insights/components");

    [Fact]
    public void ApplicationInsightsRejectsIngestionWithTheKeyAlone()
    {
        Assert.True((bool?)AppInsights.Properties["DisableLocalAuth"]);
    }

    [Fact]
    public void ApplicationInsightsStoresTelemetryInTheLogAnalyticsWorkspace()
    {
        var workspace = Module.SingleOf("Microsoft.OperationalInsights/workspaces");

        Assert.Equal("[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]", (string?)AppInsights.Properties["WorkspaceResourceId"]);
        Assert.Equal("PerGB2018", (string?)workspace.Properties["sku"]?["name"]);
    }

    [Fact]
    public void TheAppAuthenticatesTelemetryWithItsIdentity()
    {
        var settings = infra.Main.Module("functionApp").OfType("Microsoft.Web/sites/config").Single().Properties;

        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]?.ToString());
        Assert.Equal("[reference('appInsights').ConnectionString]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]?.ToString());
        Assert.True(ArmExpressions.IsModuleOutput(infra.Main.Module("functionApp").ArgumentTextFor("applicationInsightsName"), "monitoring", "applicationInsightsName"));
    }
}
