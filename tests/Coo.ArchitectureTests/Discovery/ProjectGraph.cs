using System.Text.Json;

namespace Coo.ArchitectureTests.Discovery;

/// <summary>
/// The direct project and package references of every project in this test's dependency closure, read from its
/// <c>.deps.json</c>. Unlike an assembly's metadata, this keeps a <c>ProjectReference</c> whose types are not used
/// (yet): the compiler drops such a reference from the assembly, but the build records it here.
/// </summary>
internal sealed class ProjectGraph
{
    private static readonly Lazy<ProjectGraph> LazyCurrent = new(() =>
        Load(Path.Combine(AppContext.BaseDirectory, typeof(ProjectGraph).Assembly.GetName().Name + ".deps.json")));

    private readonly Dictionary<string, Project> _projects;

    private ProjectGraph(Dictionary<string, Project> projects) => _projects = projects;

    /// <summary>The graph of this test project's build.</summary>
    public static ProjectGraph Current => LazyCurrent.Value;

    /// <summary>The projects <paramref name="project"/> references directly.</summary>
    public IReadOnlySet<string> ProjectReferencesOf(string project) => Get(project).Projects;

    /// <summary>Whether the build has this project at all (a module without contracts has no Contracts project).</summary>
    public bool Contains(string project) => _projects.ContainsKey(project);

    /// <summary>The packages <paramref name="project"/> references directly.</summary>
    public IReadOnlySet<string> PackageReferencesOf(string project) => Get(project).Packages;

    public static ProjectGraph Load(string depsJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(depsJsonPath));
        var root = document.RootElement;
        var libraryTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in root.GetProperty("libraries").EnumerateObject())
        {
            libraryTypes[NameOf(library.Name)] = library.Value.GetProperty("type").GetString() ?? "";
        }

        var target = root.GetProperty("runtimeTarget").GetProperty("name").GetString()!;
        var projects = new Dictionary<string, Project>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in root.GetProperty("targets").GetProperty(target).EnumerateObject())
        {
            var name = NameOf(library.Name);
            if (libraryTypes.GetValueOrDefault(name) != "project")
            {
                continue;
            }

            var dependencies = library.Value.TryGetProperty("dependencies", out var list)
                ? list.EnumerateObject().Select(d => d.Name).ToList()
                : [];
            projects[name] = new Project(
                dependencies.Where(d => libraryTypes.GetValueOrDefault(d) == "project").ToHashSet(StringComparer.OrdinalIgnoreCase),
                dependencies.Where(d => libraryTypes.GetValueOrDefault(d) == "package").ToHashSet(StringComparer.OrdinalIgnoreCase));
        }

        return new ProjectGraph(projects);
    }

    private Project Get(string project) => _projects.TryGetValue(project, out var found)
        ? found
        : throw new InvalidOperationException($"Project {project} is not in the build's dependency graph.");

    /// <summary>Library keys are "name/version".</summary>
    private static string NameOf(string libraryKey) => libraryKey[..libraryKey.IndexOf('/', StringComparison.Ordinal)];

    private sealed record Project(IReadOnlySet<string> Projects, IReadOnlySet<string> Packages);
}
