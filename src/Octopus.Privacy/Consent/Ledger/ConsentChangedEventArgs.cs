namespace Octopus.Privacy;

/// <summary>Which subject's consent an append changed, for <see cref="IConsentChangeFeed.SubjectChanged"/>.</summary>
public sealed class ConsentChangedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="ConsentChangedEventArgs"/> class.</summary>
    /// <param name="subjectId">The subject whose records changed; <see langword="null"/> when any subject may have changed.</param>
    public ConsentChangedEventArgs(string? subjectId)
    {
        SubjectId = subjectId;
    }

    /// <summary>Gets the arguments that say any subject may have changed unseen.</summary>
    public static ConsentChangedEventArgs AnySubject { get; } = new(null);

    /// <summary>Gets the subject whose records changed, or <see langword="null"/> when any subject may have changed.</summary>
    public string? SubjectId { get; }
}
