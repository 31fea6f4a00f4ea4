namespace Octopus.Privacy;

/// <summary>Why a policy decision came out as it did.</summary>
public enum DecisionReason
{
    /// <summary>A permit rule applies and its consent requirement is met, and no forbid rule applies.</summary>
    Permitted = 0,

    /// <summary>A forbid rule applies. Forbid rules win over every permit rule, whatever the consent.</summary>
    Forbidden,

    /// <summary>The use needs the person's explicit opt-in to the purpose, which has not been granted.</summary>
    ConsentRequired,

    /// <summary>The person withdrew the purpose.</summary>
    ConsentWithdrawn,

    /// <summary>The use needs the person to have accepted a current version of the policy, which is not recorded.</summary>
    PolicyNotAccepted,

    /// <summary>No rule permits the use; whatever a policy does not permit is denied.</summary>
    NoApplicableRule,

    /// <summary>A requested data category is not declared by the policy.</summary>
    UnknownCategory,

    /// <summary>The requested purpose is not declared by the policy.</summary>
    UnknownPurpose,

    /// <summary>The requested recipient is not declared by the policy.</summary>
    UnknownRecipient,
}
