namespace Octopus.Privacy;

/// <summary>Thrown by <see cref="IPrivacyGuard.Demand"/> when the policy denies a use of personal data.</summary>
public sealed class PrivacyPolicyViolationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PrivacyPolicyViolationException"/> class.</summary>
    public PrivacyPolicyViolationException()
        : this("The privacy policy denies this use of personal data.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PrivacyPolicyViolationException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public PrivacyPolicyViolationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PrivacyPolicyViolationException"/> class with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PrivacyPolicyViolationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PrivacyPolicyViolationException"/> class for a denial.</summary>
    /// <param name="decision">The denying decision.</param>
    public PrivacyPolicyViolationException(PolicyDecision decision)
        : base(decision.Explanation)
    {
        Decision = decision;
    }

    /// <summary>Gets the decision that denied the use.</summary>
    public PolicyDecision Decision { get; }
}
