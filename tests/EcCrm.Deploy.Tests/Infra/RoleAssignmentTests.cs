using EcCrm.Deploy.Tests.Arm;
using EcCrm.Deploy.Tests.Bicep;

namespace EcCrm.Deploy.Tests.Infra;

[Collection(CompiledInfrastructureFixtureDefinition.Name)]
public sealed class RoleAssignmentTests(CompiledInfrastructure infra)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private const string StorageScope = "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]";
    private const string VaultScope = "[resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName'))]";
    private const string AppInsightsScope = "[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]";

    private ArmTemplate Rbac => infra.Main.Module("rbac");

    private IReadOnlyList<ArmResource> Assignments => Rbac.OfType("Microsoft.Authorization/roleAssignments");

    public static TheoryData<string, string> AppRoles => new()
    {
        { StorageBlobDataOwner, StorageScope },
        { StorageQueueDataContributor, StorageScope },
        { StorageTableDataContributor, StorageScope },
        { KeyVaultSecretsUser, VaultScope },
        { MonitoringMetricsPublisher, AppInsightsScope },
    };

    [Theory]
    [MemberData(nameof(AppRoles))]
    public void GrantsTheAppIdentityTheRoleOnItsResource(string roleId, string scope)
    {
        var assignment = AppAssignment(roleId);

        Assert.Equal(scope, assignment.Scope);
        Assert.Equal($"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{roleId}')]", assignment.ResolvedProperty("roleDefinitionId"));
        Assert.Equal("ServicePrincipal", (string?)assignment.Properties["principalType"]);
        Assert.Null(assignment.Condition);
    }

    [Theory]
    [MemberData(nameof(AppRoles))]
    public void NamesTheAssignmentFromScopePrincipalAndRole(string roleId, string scope)
    {
        var assignment = AppAssignment(roleId);

        Assert.Equal($"[guid({scope.Trim('[', ']')}, parameters('appPrincipalId'), '{roleId}')]", assignment.ResolvedName);
    }

    [Fact]
    public void GrantsNothingBeyondTheFiveAppRolesAndTheOptionalOperator()
    {
        var app = Assignments.Where(assignment => (string?)assignment.Properties["principalId"] == ArmExpressions.Parameter("appPrincipalId"));
        var operatorRoles = Assignments.Where(assignment => (string?)assignment.Properties["principalId"] == ArmExpressions.Parameter("operatorPrincipalId")).ToList();

        Assert.Equal(5, app.Count());
        Assert.Equal(Assignments.Count, 5 + operatorRoles.Count);
        Assert.All(operatorRoles, assignment =>
        {
            Assert.Equal("[not(empty(parameters('operatorPrincipalId')))]", assignment.Condition);
            Assert.Equal(StorageScope, assignment.Scope);
            Assert.StartsWith("[guid(", assignment.Name, StringComparison.Ordinal);
        });
        Assert.Equal(
            new[] { StorageQueueDataContributor, StorageTableDataContributor }.Order(StringComparer.Ordinal),
            operatorRoles.Select(RoleIdOf).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AssignmentNamesAreDistinct()
    {
        var names = infra.Main.AllResources()
            .Where(resource => resource.Type == "Microsoft.Authorization/roleAssignments")
            .Select(resource => resource.ResolvedName)
            .ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void TargetsTheResourcesMainCreatesAndTheAppIdentity()
    {
        Assert.True(ArmExpressions.IsModuleOutput(Rbac.ArgumentTextFor("storageAccountName"), "storage", "name"));
        Assert.True(ArmExpressions.IsModuleOutput(Rbac.ArgumentTextFor("keyVaultName"), "keyVault", "name"));
        Assert.True(ArmExpressions.IsModuleOutput(Rbac.ArgumentTextFor("applicationInsightsName"), "monitoring", "applicationInsightsName"));
        Assert.True(ArmExpressions.IsModuleOutput(Rbac.ArgumentTextFor("appPrincipalId"), "identity", "principalId"));
    }

    private ArmResource AppAssignment(string roleId) =>
        Assert.Single(Assignments, assignment =>
            RoleIdOf(assignment) == roleId
            && (string?)assignment.Properties["principalId"] == ArmExpressions.Parameter("appPrincipalId"));

    private static string RoleIdOf(ArmResource assignment) =>
        assignment.ResolvedProperty("roleDefinitionId")
            .Replace("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '", "", StringComparison.Ordinal)
            .Replace("')]", "", StringComparison.Ordinal);
}
