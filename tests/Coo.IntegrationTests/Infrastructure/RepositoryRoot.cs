namespace Coo.IntegrationTests.Infrastructure;

/// <summary>The folder holding <c>Coo.sln</c>, found by walking up from the test output.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "Coo.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new DirectoryNotFoundException($"No Coo.sln above {AppContext.BaseDirectory}.");
    }
}
