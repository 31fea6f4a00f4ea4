using System.Collections.Frozen;

namespace Octopus.Privacy.Policies.Compilation;

/// <summary>The policy versions whose acceptance counts: a scan for the usual one or two, a frozen set past that.</summary>
internal sealed class AcceptedVersionSet
{
    private const int LinearScanLimit = 8;

    private readonly string[] _versions;
    private readonly FrozenSet<string>? _set;

    public AcceptedVersionSet(IReadOnlyList<string> versions)
    {
        _versions = [.. versions];
        if (_versions.Length > LinearScanLimit)
        {
            _set = _versions.ToFrozenSet(StringComparer.Ordinal);
        }
    }

    public bool Contains(string? version)
    {
        if (version is null)
        {
            return false;
        }

        if (_set is not null)
        {
            return _set.Contains(version);
        }

        foreach (var candidate in _versions)
        {
            if (string.Equals(candidate, version, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
