namespace Octopus.Privacy;

/// <summary>One rule of a policy: an effect on the uses its selectors match.</summary>
public sealed class PolicyRule
{
    internal PolicyRule(
        string id,
        RuleEffect effect,
        IReadOnlyList<string>? categories,
        IReadOnlyList<string>? purposes,
        IReadOnlyList<string>? recipients,
        bool? personal,
        ConsentMode? consent,
        IReadOnlyList<string> obligations,
        string? clause,
        string? description)
    {
        Id = id;
        Effect = effect;
        Categories = categories;
        Purposes = purposes;
        Recipients = recipients;
        Personal = personal;
        Consent = consent;
        Obligations = obligations;
        Clause = clause;
        Description = description;
    }

    /// <summary>Gets the rule's identifier, unique within its policy.</summary>
    public string Id { get; }

    /// <summary>Gets what the rule does to the uses it matches.</summary>
    public RuleEffect Effect { get; }

    /// <summary>
    /// Gets the category selectors as written, or <see langword="null"/> when the rule matches every category.
    /// A selector matches the category of that name and every category below it (<c>contact</c> matches <c>contact.email</c>).
    /// </summary>
    public IReadOnlyList<string>? Categories { get; }

    /// <summary>Gets the purposes the rule matches, or <see langword="null"/> for every purpose.</summary>
    public IReadOnlyList<string>? Purposes { get; }

    /// <summary>Gets the recipients the rule matches, or <see langword="null"/> for every recipient.</summary>
    public IReadOnlyList<string>? Recipients { get; }

    /// <summary>
    /// Gets <see langword="true"/> when the rule matches personal categories only, <see langword="false"/> when it
    /// matches non-personal categories only, or <see langword="null"/> when it matches both.
    /// </summary>
    public bool? Personal { get; }

    /// <summary>Gets the consent the rule requires on top of its purpose's, or <see langword="null"/> for the purpose's own.</summary>
    public ConsentMode? Consent { get; }

    /// <summary>Gets the obligations a permit by this rule carries, such as <c>contract-required</c> or <c>audit</c>.</summary>
    public IReadOnlyList<string> Obligations { get; }

    /// <summary>Gets the heading of the policy text this rule implements, or <see langword="null"/>.</summary>
    public string? Clause { get; }

    /// <summary>Gets the description of the rule, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
