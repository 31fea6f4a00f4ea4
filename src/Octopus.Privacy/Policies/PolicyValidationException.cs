using System.Text;

namespace Octopus.Privacy;

/// <summary>
/// Thrown when a policy document cannot be used. Lists every problem found, each with its JSON path, line and
/// column, not just the first. Nothing of the rejected document is ever used.
/// </summary>
public sealed class PolicyValidationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PolicyValidationException"/> class with no problems listed.</summary>
    public PolicyValidationException()
        : this("The privacy policy is invalid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PolicyValidationException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public PolicyValidationException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PolicyValidationException"/> class with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PolicyValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Problems = [new PolicyProblem("$", 0, 0, message)];
    }

    /// <summary>Initializes a new instance of the <see cref="PolicyValidationException"/> class.</summary>
    /// <param name="problems">Every problem found; at least one.</param>
    /// <param name="filePath">The file the document came from, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public PolicyValidationException(IReadOnlyList<PolicyProblem> problems, string? filePath = null, Exception? innerException = null)
        : base(Format(problems, filePath), innerException)
    {
        Problems = problems;
        FilePath = filePath;
    }

    /// <summary>Gets every problem found in the document.</summary>
    public IReadOnlyList<PolicyProblem> Problems { get; }

    /// <summary>Gets the file the document came from, or <see langword="null"/> when it was parsed from a string or bytes.</summary>
    public string? FilePath { get; }

    private static string Format(IReadOnlyList<PolicyProblem> problems, string? source)
    {
        Throw.IfNull(problems);
        var text = new StringBuilder();
        text.Append("The privacy policy")
            .Append(source is null ? string.Empty : $" '{source}'")
            .Append(" is invalid: ")
            .Append(problems.Count)
            .Append(problems.Count == 1 ? " problem." : " problems.");
        foreach (var problem in problems)
        {
            text.AppendLine().Append("  ");
            if (source is not null && problem.Line > 0)
            {
                text.Append(source);
            }

            text.Append(problem);
        }

        return text.ToString();
    }
}
