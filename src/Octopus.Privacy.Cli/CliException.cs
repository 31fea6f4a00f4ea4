namespace Octopus.Privacy.Cli;

/// <summary>A mistake in how the tool was called (a missing file, an unknown name): one line on stderr, exit code 2.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliException()
    {
    }
}
