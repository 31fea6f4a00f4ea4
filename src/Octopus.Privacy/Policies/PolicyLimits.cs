namespace Octopus.Privacy;

/// <summary>
/// The largest policy document the engine accepts. A document beyond any limit is rejected by validation with one
/// problem per exceeded limit, so that whatever validation accepts can be compiled and evaluated in bounded time and
/// memory. The limits are far above what a real privacy policy needs (the Octopus Group policy declares 11 categories,
/// 9 purposes, 6 recipients and 19 rules).
/// </summary>
public static class PolicyLimits
{
    /// <summary>The largest document, in bytes of UTF-8 text: 8 MiB.</summary>
    public const int MaxDocumentBytes = 8 * 1024 * 1024;

    /// <summary>The deepest nesting of JSON objects and arrays: 64.</summary>
    public const int MaxDepth = 64;

    /// <summary>The longest name of a category, purpose, recipient, rule or obligation, in characters: 128.</summary>
    public const int MaxNameLength = 128;

    /// <summary>The longest free text (policy name and version, descriptions, clauses), in characters: 8,192.</summary>
    public const int MaxTextLength = 8192;

    /// <summary>The most data categories a policy may declare: 1,024.</summary>
    public const int MaxCategories = 1024;

    /// <summary>The most purposes a policy may declare: 256.</summary>
    public const int MaxPurposes = 256;

    /// <summary>The most recipients a policy may declare: 256.</summary>
    public const int MaxRecipients = 256;

    /// <summary>The most rules a policy may have: 16,384.</summary>
    public const int MaxRules = 16384;

    /// <summary>The most distinct obligation names a policy may use: 64.</summary>
    public const int MaxObligations = 64;

    /// <summary>The most entries in one list of a rule (category, purpose or recipient selectors, obligations): 1,024.</summary>
    public const int MaxSelectorEntries = 1024;

    /// <summary>The most entries in <c>acceptedVersions</c>: 256.</summary>
    public const int MaxAcceptedVersions = 256;

    /// <summary>
    /// The most problems a <see cref="PolicyValidationException"/> lists: 1,000. Past that, one last entry says how
    /// many more were found, so that output and memory stay bounded whatever the document.
    /// </summary>
    public const int MaxReportedProblems = 1000;
}
