using Microsoft.CodeAnalysis.Diagnostics;
using Octopus.Privacy.Analyzers.Policy;

namespace Octopus.Privacy.Analyzers.Configuration
{
    /// <summary>
    /// The options that hold for a whole compilation, typed, read once from the project's analyzer configuration: they
    /// decide which types and members carry personal data, which is known once per compilation. The options that can
    /// differ from file to file are read per syntax tree by <see cref="ConfiguredMethods"/>.
    /// </summary>
    internal sealed class AnalyzerSettings
    {
        public const string AdditionalLogSinksOption = "octopus_privacy.additional_log_sinks";
        public const string AdditionalShareSinksOption = "octopus_privacy.additional_share_sinks";
        public const string AdditionalConsentChecksOption = "octopus_privacy.additional_consent_checks";
        public const string MaxTypeDepthOption = "octopus_privacy.max_type_depth";

        private const int DefaultMaxTypeDepth = 2;

        private AnalyzerSettings(int maxTypeDepth, IdentityOptions identity)
        {
            MaxTypeDepth = maxTypeDepth;
            Identity = identity;
        }

        /// <summary>How deep to look for personal members of member types; default 2.</summary>
        public int MaxTypeDepth { get; }

        /// <summary>How ASP.NET Core Identity's members map to the policy's categories.</summary>
        public IdentityOptions Identity { get; }

        public static AnalyzerSettings Read(AnalyzerConfigOptions options, PolicyVocabulary vocabulary)
        {
            var depth = options.TryGetValue(MaxTypeDepthOption, out var text) && int.TryParse(text.Trim(), out var parsed) && parsed >= 0
                ? parsed
                : DefaultMaxTypeDepth;
            return new AnalyzerSettings(depth, new IdentityOptions(options, vocabulary));
        }
    }
}
