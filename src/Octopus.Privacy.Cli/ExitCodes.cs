namespace Octopus.Privacy.Cli;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success: permitted, valid, every test passed, nothing broadened.</summary>
    public const int Success = 0;

    /// <summary>An invalid policy, a failed test, or a broadening diff.</summary>
    public const int Failure = 1;

    /// <summary>A usage error: a missing file, an unknown option or name, malformed input.</summary>
    public const int UsageError = 2;

    /// <summary><c>explain</c>: the policy denies the use.</summary>
    public const int Denied = 3;
}
