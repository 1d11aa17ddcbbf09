using EcCrm.Deploy.Tests.Bicep;

namespace EcCrm.Deploy.Tests.Infra;

[Collection(CompiledInfrastructureFixtureDefinition.Name)]
public sealed class OutputTests(CompiledInfrastructure infra)
{
    private const string HostName = "'Microsoft.Resources/deployments', 'functionApp'), '2025-04-01').outputs.defaultHostName.value";

    [Theory]
    [InlineData("WEBHOOK_SHOPIFY_URL", "/webhooks/orders/shopify")]
    [InlineData("WEBHOOK_WOOCOMMERCE_URL", "/webhooks/orders/woocommerce")]
    [InlineData("WEBHOOK_GENERIC_URL", "/webhooks/orders/generic")]
    [InlineData("WEBHOOK_SENDGRID_URL", "/webhooks/sendgrid")]
    [InlineData("UNSUBSCRIBE_URL", "/unsubscribe")]
    public void GivesTheHttpsUrlOfEveryEndpointAShopOrSendGridCalls(string output, string route)
    {
        var value = infra.Main.Outputs[output]?["value"]?.ToString() ?? "";

        Assert.StartsWith($"[format('{{0}}{route}', format('https://{{0}}', reference(", value, StringComparison.Ordinal);
        Assert.EndsWith($"{HostName}))]", value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("AZURE_KEY_VAULT_NAME")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("STORAGE_QUEUE_SERVICE_URI")]
    [InlineData("STORAGE_TABLE_SERVICE_URI")]
    public void GivesOperatorsTheNamesTheDocsUse(string output)
    {
        Assert.NotNull(infra.Main.Outputs[output]);
        Assert.Contains(output, Repository.Read("docs/deploy.md") + Repository.Read("docs/operations.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void NoOutputCarriesASecureParameter()
    {
        var secure = infra.Main.Parameters
            .Where(pair => ((string?)pair.Value?["type"])?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true)
            .Select(pair => $"parameters('{pair.Key}')")
            .ToList();

        Assert.NotEmpty(secure);
        Assert.All(infra.Main.Outputs, output =>
            Assert.DoesNotContain(secure, reference => output.Value!.ToString().Contains(reference, StringComparison.Ordinal)));
    }
}
