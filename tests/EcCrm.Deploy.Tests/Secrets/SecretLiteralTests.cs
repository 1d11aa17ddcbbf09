using EcCrm.Deploy.Tests.Bicep;
using EcCrm.Deploy.Tests.Workflows;

namespace EcCrm.Deploy.Tests.Secrets;

[Collection(CompiledInfrastructureFixtureDefinition.Name)]
public sealed class SecretLiteralTests(CompiledInfrastructure infra)
{
    public static TheoryData<string> DeploymentFiles
    {
        get
        {
            var files = Directory.GetFiles(Repository.PathOf("infra"), "*", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
                .Concat(Workflow.Files)
                .Concat(["azure.yaml", "docs/deploy.md", "docs/operations.md"])
                .Order(StringComparer.Ordinal);
            return new TheoryData<string>(files);
        }
    }

    // Built at run time so no credential-shaped literal sits in the repository, not even here.
    public static TheoryData<string> CredentialShapedText => new()
    {
        "DefaultEndpointsProtocol=https;AccountName=x;" + "AccountKey=" + new string('A', 86) + "==",
        "SG." + new string('a', 22) + "." + new string('b', 43),
        "https://x.blob.core.windows.net/c?sv=2024&" + "sig=" + new string('Z', 40),
        "InstrumentationKey=" + "00000000-0000-0000-0000-000000000000",
        "[" + "listKeys(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2025-06-01').keys[0].value]",
        "gh" + "p_" + new string('x', 36),
    };

    [Fact]
    public void CompiledTemplateHoldsNoCredential()
    {
        var findings = SecretScanner.Scan(infra.MainJson);

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    [Theory]
    [MemberData(nameof(DeploymentFiles))]
    public void DeploymentFileHoldsNoCredential(string file)
    {
        var findings = SecretScanner.Scan(Repository.Read(file));

        Assert.True(findings.Count == 0, $"{file}: {string.Join(Environment.NewLine, findings)}");
    }

    [Theory]
    [MemberData(nameof(CredentialShapedText))]
    public void ScannerRecognisesCredentialShapedText(string text)
    {
        Assert.NotEmpty(SecretScanner.Scan(text));
    }

    [Fact]
    public void ScannerLeavesKeyVaultReferencesAndIdentitySettingsAlone()
    {
        Assert.Empty(SecretScanner.Scan("@Microsoft.KeyVault(VaultName=kv-abc;SecretName=sendgrid-api-key)"));
        Assert.Empty(SecretScanner.Scan("ClientId=00000000-0000-0000-0000-000000000000;Authorization=AAD"));
        Assert.Empty(SecretScanner.Scan("https://stabc.queue.core.windows.net/"));
    }
}
