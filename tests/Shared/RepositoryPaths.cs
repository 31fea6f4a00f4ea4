namespace Octopus.Privacy.Testing;

/// <summary>Where the repository's files are, for tests that read docs, samples or pack the library.</summary>
internal static class RepositoryPaths
{
    public static readonly string Root = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Octopus.Privacy.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Octopus.Privacy.sln) was not found above " + AppContext.BaseDirectory);
    }
}
