using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EcCrm.Deploy.Tests.Workflows;

public sealed partial class WorkflowTests
{
    public static TheoryData<string> WorkflowFiles => new(Workflow.Files);

    private static Workflow Ci => Workflow.Load(".github/workflows/ci.yml");

    private static Workflow Deploy => Workflow.Load(".github/workflows/deploy.yml");

    [Fact]
    public void TheListedWorkflowsAreAllTheWorkflows()
    {
        var onDisk = Directory.GetFiles(Repository.PathOf(".github/workflows"))
            .Select(path => ".github/workflows/" + Path.GetFileName(path))
            .Order();

        Assert.Equal(Workflow.Files.Order(), onDisk);
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void ParsesAsAWorkflowWithTriggersAndJobs(string file)
    {
        var workflow = Workflow.Load(file);

        Assert.False(string.IsNullOrWhiteSpace(workflow.Name));
        Assert.NotNull(YamlFile.Child(workflow.File.Root, "on"));
        Assert.NotEmpty(workflow.Jobs);
        Assert.All(workflow.Jobs.Values, job => Assert.NotEmpty(Workflow.StepsOf(job)));
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void GrantsOnlyReadAccessToContentsByDefault(string file)
    {
        var permissions = Assert.IsType<YamlMappingNode>(Workflow.Load(file).Permissions);

        Assert.Equal(["contents=read"], Grants(permissions));
    }

    [Fact]
    public void OnlyTheDeployJobMayRequestAnOidcToken()
    {
        var grants = Workflow.Files.Select(Workflow.Load)
            .SelectMany(workflow => workflow.Jobs.Select(job => (Id: $"{workflow}:{job.Key}", Permissions: YamlFile.Child(job.Value, "permissions"))))
            .Where(job => job.Permissions is not null)
            .ToDictionary(job => job.Id, job => Grants(Assert.IsType<YamlMappingNode>(job.Permissions)));

        var deploy = Assert.Single(grants);
        Assert.Equal(".github/workflows/deploy.yml:deploy", deploy.Key);
        Assert.Equal(["contents=read", "id-token=write"], deploy.Value);
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void PinsEveryActionToACommitAndNamesItsRelease(string file)
    {
        var actions = Workflow.Load(file).Actions.ToList();

        Assert.NotEmpty(actions);
        Assert.All(actions, action =>
        {
            Assert.Matches(CommitSha(), action.Ref);
            Assert.Matches(ReleaseComment(), action.Comment);
        });
    }

    [Fact]
    public void UsesOneCommitPerActionAcrossWorkflows()
    {
        var pins = Workflow.Files.Select(Workflow.Load).SelectMany(workflow => workflow.Actions)
            .GroupBy(action => action.Action)
            .Where(group => group.Select(action => action.Ref).Distinct().Count() > 1)
            .Select(group => group.Key);

        Assert.Empty(pins);
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void ChecksOutWithoutLeavingTheTokenBehind(string file)
    {
        var checkouts = Workflow.Load(file).Jobs.Values.SelectMany(Workflow.StepsOf)
            .Where(step => YamlFile.Scalar(step, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true)
            .ToList();

        Assert.NotEmpty(checkouts);
        Assert.All(checkouts, step => Assert.Equal("false", YamlFile.Scalar(YamlFile.Child(step, "with"), "persist-credentials")));
    }

    [Fact]
    public void CiRunsTheTestCommandBuildsTheWholeSolutionAndLintsTheTemplates()
    {
        var scripts = Ci.Jobs.Values.Select(Workflow.ScriptOf).ToList();

        Assert.Contains(scripts, script => script.Contains("./scripts/test.sh", StringComparison.Ordinal));
        Assert.Contains("dotnet test EcCrm.sln", Repository.Read("scripts/test.sh"), StringComparison.Ordinal);
        Assert.Contains(scripts, script =>
            script.Contains("./scripts/bicep.sh build infra/main.bicep", StringComparison.Ordinal)
            && script.Contains("./scripts/bicep.sh lint infra/main.bicep", StringComparison.Ordinal));
    }

    [Fact]
    public void DeploySignsInWithOidcThenProvisionsAndDeploys()
    {
        var script = Workflow.ScriptOf(Assert.Single(Deploy.Jobs).Value);

        Assert.Contains("--federated-credential-provider github", script, StringComparison.Ordinal);
        Assert.True(
            script.IndexOf("azd provision --no-prompt", StringComparison.Ordinal) is var provision and >= 0
            && script.IndexOf("azd deploy --no-prompt", StringComparison.Ordinal) > provision,
            "deploy.yml must run azd provision, then azd deploy.");
        Assert.DoesNotContain("client-secret", Deploy.File.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void DeployFollowsTheCiWorkflowByName()
    {
        var trigger = YamlFile.Child(YamlFile.Child(Deploy.File.Root, "on"), "workflow_run");
        var workflows = Assert.IsType<YamlSequenceNode>(YamlFile.Child(trigger, "workflows"));

        Assert.Equal(Ci.Name, Assert.Single(workflows.Children.Cast<YamlScalarNode>()).Value);
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void ReferencesOnlyFilesThatExist(string file)
    {
        var paths = Workflow.Load(file).File.ScalarValues().SelectMany(ReferencedPaths.In).Distinct().ToList();

        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(
            Repository.Exists(path) || ReferencedPaths.IsPending(path),
            $"{file} references {path}, which does not exist."));
    }

    private static string[] Grants(YamlMappingNode permissions) =>
        permissions.Children
            .Select(pair => $"{((YamlScalarNode)pair.Key).Value}={((YamlScalarNode)pair.Value).Value}")
            .Order(StringComparer.Ordinal)
            .ToArray();

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitSha();

    [GeneratedRegex(@"^v\d+\.\d+\.\d+$")]
    private static partial Regex ReleaseComment();
}
