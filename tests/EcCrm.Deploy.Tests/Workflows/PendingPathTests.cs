namespace EcCrm.Deploy.Tests.Workflows;

/// <summary>Keeps <see cref="ReferencedPaths.Pending"/> honest: short, used, and emptied as work lands.</summary>
public sealed class PendingPathTests
{
    [Fact]
    public void PendingPathsDoNotExistYet()
    {
        Assert.All(ReferencedPaths.Pending.Keys, path => Assert.False(
            Repository.Exists(path),
            $"{path} exists now: delete it from ReferencedPaths.Pending so references to it are checked."));
    }

    [Fact]
    public void PendingPathsAreStillReferenced()
    {
        var referenced = Workflow.Files.Append("azure.yaml")
            .SelectMany(file => YamlFile.Load(file).ScalarValues())
            .SelectMany(ReferencedPaths.In)
            .ToList();

        Assert.All(ReferencedPaths.Pending.Keys, path => Assert.Contains(
            referenced, reference => reference == path || reference.StartsWith(path + "/", StringComparison.Ordinal)));
    }
}
