using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Octopus.Privacy.Analyzers.Policy
{
    /// <summary>
    /// The categories and recipients of the policy a project uses: an <c>AdditionalFiles</c> policy, or the
    /// embedded Octopus Group policy (the library's own octopus-group.json, linked in).
    /// </summary>
    internal sealed class PolicyVocabulary
    {
        /// <summary>The .editorconfig / global analyzer config key naming the policy file among the additional files.</summary>
        public const string PolicyFileOption = "octopus_privacy.policy_file";

        private static readonly Lazy<PolicyVocabulary> Embedded = new Lazy<PolicyVocabulary>(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

        // The three analyzers of one compilation share its AnalyzerOptions: the policy is read and parsed once for them.
        private static readonly ConditionalWeakTable<AnalyzerOptions, PolicyVocabulary> PerOptions = new ConditionalWeakTable<AnalyzerOptions, PolicyVocabulary>();

        private PolicyVocabulary(string name, ImmutableDictionary<string, bool> secretByCategory, ImmutableHashSet<string> recipients)
        {
            Name = name;
            SecretByCategory = secretByCategory;
            Recipients = recipients;
        }

        public string Name { get; }

        /// <summary>Declared categories, each with whether it is secret.</summary>
        public ImmutableDictionary<string, bool> SecretByCategory { get; }

        public ImmutableHashSet<string> Recipients { get; }

        public bool IsSecret(string category) => SecretByCategory.TryGetValue(category, out var secret) && secret;

        /// <summary>
        /// The project's policy: the additional file named by <c>octopus_privacy.policy_file</c> (matched by file name
        /// or path suffix), else the only additional file ending in <c>.privacy.json</c>, else the embedded default.
        /// A policy file that cannot be read falls back to the default.
        /// </summary>
        public static PolicyVocabulary For(AnalyzerOptions options, CancellationToken cancellationToken) =>
            PerOptions.GetValue(options, o => Choose(o, cancellationToken));

        private static PolicyVocabulary Choose(AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var files = options.AdditionalFiles;
            AdditionalText? chosen = null;
            if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.OctopusPrivacyPolicyFile", out var property) && !string.IsNullOrWhiteSpace(property))
            {
                chosen = Find(files, property);
            }

            if (chosen is null && options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(PolicyFileOption, out var configured) && !string.IsNullOrWhiteSpace(configured))
            {
                chosen = Find(files, configured);
            }

            if (chosen is null)
            {
                var candidates = files.Where(f => f.Path.EndsWith(".privacy.json", StringComparison.OrdinalIgnoreCase)).ToList();
                chosen = candidates.Count == 1 ? candidates[0] : null;
            }

            if (chosen?.GetText(cancellationToken)?.ToString() is string text && Parse(text) is PolicyVocabulary vocabulary)
            {
                return vocabulary;
            }

            return Embedded.Value;
        }

        public static PolicyVocabulary? Parse(string json)
        {
            if (!(MiniJson.TryParse(json) is List<KeyValuePair<string, object?>> root))
            {
                return null;
            }

            var name = root.FirstOrDefault(p => p.Key == "name").Value as string ?? "(unnamed)";
            var categories = ImmutableDictionary.CreateBuilder<string, bool>(StringComparer.Ordinal);
            if (root.FirstOrDefault(p => p.Key == "categories").Value is List<KeyValuePair<string, object?>> declared)
            {
                foreach (var category in declared)
                {
                    var secret = category.Value is List<KeyValuePair<string, object?>> fields
                        && fields.FirstOrDefault(f => f.Key == "secret").Value is bool flag && flag;
                    categories[category.Key] = secret;
                }
            }

            var recipients = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            if (root.FirstOrDefault(p => p.Key == "recipients").Value is List<KeyValuePair<string, object?>> parties)
            {
                foreach (var recipient in parties)
                {
                    recipients.Add(recipient.Key);
                }
            }

            return new PolicyVocabulary(name, categories.ToImmutable(), recipients.ToImmutable());
        }

        private static AdditionalText? Find(ImmutableArray<AdditionalText> files, string name)
        {
            var normalized = name.Replace('\\', '/');
            return files.FirstOrDefault(f => f.Path.Replace('\\', '/').EndsWith("/" + normalized.TrimStart('/'), StringComparison.OrdinalIgnoreCase)
                || string.Equals(Path.GetFileName(f.Path), normalized, StringComparison.OrdinalIgnoreCase));
        }

        private static PolicyVocabulary LoadEmbedded()
        {
            using (var stream = typeof(PolicyVocabulary).Assembly.GetManifestResourceStream("Octopus.Privacy.Analyzers.octopus-group.json"))
            using (var reader = new StreamReader(stream!))
            {
                return Parse(reader.ReadToEnd()) ?? throw new InvalidOperationException("The embedded default policy could not be read.");
            }
        }
    }
}
