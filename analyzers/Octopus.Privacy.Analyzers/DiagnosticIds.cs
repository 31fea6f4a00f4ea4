using System;
using System.Linq;
using System.Reflection;

namespace Octopus.Privacy.Analyzers
{
    /// <summary>Every diagnostic id of the Octopus.Privacy analyzers, and where each is documented.</summary>
    public static class DiagnosticIds
    {
        public const string PiiLoggedWithoutConsent = "OPRIV001";
        public const string PiiSharedWithoutConsent = "OPRIV002";
        public const string SecretDataLoggedOrShared = "OPRIV003";
        public const string ConsentCheckResultDiscarded = "OPRIV004";
        public const string UndeclaredPolicyName = "OPRIV005";
        public const string UnreadablePolicyFile = "OPRIV006";

        /// <summary>A data-map entry of a site, reported only in the build <c>octopus-privacy map</c> runs.</summary>
        public const string DataMapSite = "OPRIV900";

        /// <summary>A data-map entry of a member that holds personal data, reported only in the build <c>octopus-privacy map</c> runs.</summary>
        public const string DataMapSource = "OPRIV901";

        public const string Category = "Privacy";

        /// <summary>Diagnostic property: the comma-separated policy categories that reach the sink.</summary>
        public const string CategoriesProperty = "categories";

        /// <summary>Diagnostic property: the recipient the sink names, when it names one.</summary>
        public const string RecipientProperty = "recipient";

        /// <summary>
        /// Where the rule pages are published: docs/rules/ under the repository address set once, as
        /// <c>OctopusPrivacyRepositoryUrl</c>, in the repository's Directory.Build.props. The pages also ship in the
        /// package, under docs/rules/.
        /// </summary>
        public static string RulePagesBase { get; } = typeof(DiagnosticIds).Assembly
            .GetCustomAttributes(typeof(AssemblyMetadataAttribute), inherit: false)
            .OfType<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "OctopusPrivacyRulePages")?.Value
            ?? throw new InvalidOperationException("The analyzer assembly was built without its OctopusPrivacyRulePages metadata.");

        /// <summary>The rule's documentation page, docs/rules/ID.md.</summary>
        public static string HelpLink(string id) => RulePagesBase + id + ".md";
    }
}
