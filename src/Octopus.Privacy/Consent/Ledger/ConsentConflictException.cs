namespace Octopus.Privacy;

/// <summary>An append expected the subject at one version and the ledger holds another; nothing was written.</summary>
public sealed class ConsentConflictException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ConsentConflictException"/> class.</summary>
    public ConsentConflictException()
        : this("The subject's version is not the one expected.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConsentConflictException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ConsentConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConsentConflictException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConsentConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConsentConflictException"/> class.</summary>
    /// <param name="subjectId">The subject.</param>
    /// <param name="expectedVersion">The version the caller expected.</param>
    /// <param name="actualVersion">The version the ledger holds.</param>
    public ConsentConflictException(string subjectId, long expectedVersion, long actualVersion)
        : base($"The consent of subject '{subjectId}' is at version {actualVersion}, not the expected {expectedVersion}; nothing was written. Read it again and retry.")
    {
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the version the caller expected.</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the version the ledger holds.</summary>
    public long ActualVersion { get; }
}
