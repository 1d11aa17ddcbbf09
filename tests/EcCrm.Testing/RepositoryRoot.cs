namespace EcCrm.Testing;

/// <summary>The repository checkout the tests run from (the folder holding EcCrm.sln).</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EcCrm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No EcCrm.sln above {AppContext.BaseDirectory}.");
    });

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);
}
