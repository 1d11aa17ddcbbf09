namespace EcCrm.Deploy.Tests;

/// <summary>The checked-out repository the tests read: the folder that holds EcCrm.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) =>
        Path.GetFullPath(Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public static bool Exists(string relativePath)
    {
        var full = PathOf(relativePath);
        return File.Exists(full) || Directory.Exists(full);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EcCrm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No EcCrm.sln above {AppContext.BaseDirectory}.");
    }
}
