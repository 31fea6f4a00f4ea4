using System.Security.Cryptography;

namespace Octopus.Privacy;

/// <summary>
/// Hands the policy that start-up validation loaded to the provider, so the policy file is read once at start-up,
/// not once to validate and again to use.
/// </summary>
internal sealed class StartupPolicyCache
{
    private readonly object _gate = new();
    private LoadedPolicyFile? _loaded;

    /// <summary>Reads and compiles the file, keeping the result for <see cref="Take"/>.</summary>
    /// <exception cref="PolicyValidationException">The file cannot be read or is not a valid policy.</exception>
    public LoadedPolicyFile Load(string path)
    {
        var loaded = LoadedPolicyFile.Read(path);
        lock (_gate)
        {
            _loaded = loaded;
        }

        return loaded;
    }

    /// <summary>The policy validation loaded from <paramref name="fullPath"/>, or a fresh load when there is none.</summary>
    public LoadedPolicyFile Take(string fullPath)
    {
        lock (_gate)
        {
            if (_loaded is { } loaded && string.Equals(loaded.FullPath, fullPath, StringComparison.Ordinal))
            {
                _loaded = null;
                return loaded;
            }
        }

        return LoadedPolicyFile.Read(fullPath);
    }
}

/// <summary>A policy read from a file, with a hash of the bytes it was read from.</summary>
internal sealed record LoadedPolicyFile(string FullPath, PrivacyPolicy Policy, byte[] ContentHash)
{
    /// <exception cref="PolicyValidationException">The file cannot be read or is not a valid policy.</exception>
    public static LoadedPolicyFile Read(string path)
    {
        var bytes = PrivacyPolicy.ReadFile(path);
        var fullPath = Path.GetFullPath(path);
        return new LoadedPolicyFile(fullPath, PrivacyPolicy.FromFile(bytes, path), SHA256.HashData(bytes));
    }
}
