using System.Linq;
using Microsoft.CodeAnalysis;
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

        /// <summary>
        /// Reads the settings from a global analyzer config, or from the <c>[*.cs]</c> section of an .editorconfig that
        /// every file shares (read through the compilation's first file, whose options carry it).
        /// </summary>
        /// <summary>
        /// A project-wide option: from the <c>[*.cs]</c> section of an .editorconfig that covers every file (read
        /// through the compilation's first file), else from a global analyzer config; null when neither sets it.
        /// </summary>
        public static string? ProjectValue(AnalyzerConfigOptionsProvider provider, Compilation compilation, string key) =>
            compilation.SyntaxTrees.FirstOrDefault() is SyntaxTree tree && provider.GetOptions(tree).TryGetValue(key, out var value) ? value
            : provider.GlobalOptions.TryGetValue(key, out value) ? value
            : null;

        public static AnalyzerSettings Read(AnalyzerConfigOptionsProvider provider, Compilation compilation, PolicyVocabulary vocabulary)
        {
            string? Option(string key) => ProjectValue(provider, compilation, key);

            var depth = Option(MaxTypeDepthOption) is string text && int.TryParse(text.Trim(), out var parsed) && parsed >= 0
                ? parsed
                : DefaultMaxTypeDepth;
            return new AnalyzerSettings(depth, new IdentityOptions(Option, vocabulary));
        }
    }
}
