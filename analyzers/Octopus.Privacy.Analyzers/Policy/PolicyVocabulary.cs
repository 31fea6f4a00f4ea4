using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Octopus.Privacy.Analyzers.Configuration;
using Octopus.Privacy.Analyzers.Rules;

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

        private PolicyVocabulary(string name, IReadOnlyDictionary<string, bool> secretByCategory, ImmutableHashSet<string> recipients, Diagnostic? problem = null)
        {
            Name = name;
            SecretByCategory = secretByCategory;
            Recipients = recipients;
            Problem = problem;
        }

        /// <summary>True when the policy is the project's own file (not the embedded default, nor the default after a problem).</summary>
        public bool IsProjectPolicy { get; private set; }

        private Dictionary<string, bool> _personalByCategory = new Dictionary<string, bool>();
        private ImmutableHashSet<string> _purposes = ImmutableHashSet<string>.Empty;
        private ImmutableArray<Rule> _rules = ImmutableArray<Rule>.Empty;

        /// <summary>
        /// Whether the policy links a purpose to a category and a recipient: with the person's consent granted, some
        /// permit rule matches and no forbid rule does. Null when a name is not declared (nothing can be said).
        /// </summary>
        public bool? Permits(string purpose, string category, string recipient)
        {
            if (!_purposes.Contains(purpose) || !Recipients.Contains(recipient) || !_personalByCategory.TryGetValue(category, out var personal))
            {
                return null;
            }

            var permitted = false;
            foreach (var rule in _rules)
            {
                if (!rule.Matches(category, personal, purpose, recipient))
                {
                    continue;
                }

                if (!rule.Permit)
                {
                    return false;
                }

                permitted = true;
            }

            return permitted;
        }

        /// <summary>A rule as far as linking purposes to categories and recipients goes.</summary>
        private sealed class Rule
        {
            public Rule(bool permit, ImmutableArray<string>? categories, ImmutableHashSet<string>? purposes, ImmutableHashSet<string>? recipients, bool? personal)
            {
                Permit = permit;
                Categories = categories;
                Purposes = purposes;
                Recipients = recipients;
                Personal = personal;
            }

            public bool Permit { get; }

            /// <summary>Category selectors (a parent matches its children); null for every category.</summary>
            public ImmutableArray<string>? Categories { get; }

            public ImmutableHashSet<string>? Purposes { get; }

            public ImmutableHashSet<string>? Recipients { get; }

            public bool? Personal { get; }

            public bool Matches(string category, bool personal, string purpose, string recipient) =>
                (Personal == null || Personal == personal)
                && (Purposes == null || Purposes.Contains(purpose))
                && (Recipients == null || Recipients.Contains(recipient))
                && (Categories == null || Categories.Value.Any(selector => category == selector || category.StartsWith(selector + ".", StringComparison.Ordinal)));
        }

        public string Name { get; }

        /// <summary>Declared categories, each with whether it is secret (read only once built).</summary>
        /// <remarks>
        /// A dictionary rather than an immutable one: the framework ships no precompiled code for an immutable
        /// dictionary of <c>bool</c> values, so every compiler process compiled that code again for this one table.
        /// </remarks>
        public IReadOnlyDictionary<string, bool> SecretByCategory { get; }

        public ImmutableHashSet<string> Recipients { get; }

        /// <summary>
        /// Why the project's policy file could not be used (an OPRIV006 error), or null. The analyzers then work with
        /// the embedded default, and the build fails on this error instead of passing silently.
        /// </summary>
        public Diagnostic? Problem { get; }

        public bool IsSecret(string category) => SecretByCategory.TryGetValue(category, out var secret) && secret;

        /// <summary>
        /// The project's policy: the additional file named by the <c>OctopusPrivacyPolicyFile</c> MSBuild property or
        /// the <c>octopus_privacy.policy_file</c> key (matched by file name or path suffix), else the only additional
        /// file ending in <c>.privacy.json</c>, else the embedded default. A named file that is missing, several
        /// candidates, or a file that cannot be read or parsed gives the default with a <see cref="Problem"/>.
        /// </summary>
        /// <summary>
        /// Whether the project names a policy file or gives one ending in <c>.privacy.json</c>: otherwise the policy is the
        /// embedded default, which has no problem to report, and nothing needs to be read to know it.
        /// </summary>
        public static bool HasProjectFile(AnalyzerOptions options, Compilation compilation) =>
            ProjectFile.TryGetName(options, compilation, "OctopusPrivacyPolicyFile", PolicyFileOption, out _, out _)
            || options.AdditionalFiles.Any(f => f.Path.EndsWith(".privacy.json", StringComparison.OrdinalIgnoreCase));

        public static PolicyVocabulary For(AnalyzerOptions options, Compilation compilation, CancellationToken cancellationToken) =>
            PerOptions.GetValue(options, o => Choose(o, compilation, cancellationToken));

        private static PolicyVocabulary Choose(AnalyzerOptions options, Compilation compilation, CancellationToken cancellationToken)
        {
            var files = options.AdditionalFiles;
            AdditionalText? chosen;
            if (ProjectFile.TryGetName(options, compilation, "OctopusPrivacyPolicyFile", PolicyFileOption, out var named, out var source))
            {
                chosen = ProjectFile.Find(files, named);
                if (chosen is null)
                {
                    return WithProblem(Location.None, $"the policy file '{named}' named by {source}: it is not among the project's AdditionalFiles (add <AdditionalFiles Include=\"{named}\" />)");
                }
            }
            else
            {
                var candidates = files.Where(f => f.Path.EndsWith(".privacy.json", StringComparison.OrdinalIgnoreCase)).ToList();
                if (candidates.Count > 1)
                {
                    return WithProblem(Location.None, $"a policy: {candidates.Count} AdditionalFiles end in .privacy.json ({string.Join(", ", candidates.Select(c => Path.GetFileName(c.Path)).OrderBy(n => n, StringComparer.Ordinal))}); name the project's with the OctopusPrivacyPolicyFile property or the {PolicyFileOption} key");
                }

                chosen = candidates.Count == 1 ? candidates[0] : null;
            }

            if (chosen is null)
            {
                return Embedded.Value;
            }

            var text = chosen.GetText(cancellationToken);
            if (text is null)
            {
                return WithProblem(Location.Create(chosen.Path, default, default), $"the policy file '{chosen.Path}': it cannot be read");
            }

            var content = text.ToString();
            if (MiniJson.TryParse(content, out var problem, out var offset) is List<KeyValuePair<string, object?>> root)
            {
                var vocabulary = FromDocument(root);
                vocabulary.IsProjectPolicy = true;
                return vocabulary;
            }

            var span = new TextSpan(offset, 0);
            var message = problem ?? "the document is not a JSON object";
            return WithProblem(Location.Create(chosen.Path, span, text.Lines.GetLinePositionSpan(span)), $"the policy file '{chosen.Path}': {message}");
        }

        private static PolicyVocabulary WithProblem(Location location, string message)
        {
            var embedded = Embedded.Value;
            var problem = Diagnostic.Create(UnreadablePolicyFile.Descriptor, location, message);
            return new PolicyVocabulary(embedded.Name, embedded.SecretByCategory, embedded.Recipients, problem);
        }

        public static PolicyVocabulary? Parse(string json) =>
            MiniJson.TryParse(json) is List<KeyValuePair<string, object?>> root ? FromDocument(root) : null;

        private static PolicyVocabulary FromDocument(List<KeyValuePair<string, object?>> root)
        {
            var name = MiniJson.Property(root, "name") as string ?? "(unnamed)";
            var categories = new Dictionary<string, bool>(StringComparer.Ordinal);
            var personal = new Dictionary<string, bool>(StringComparer.Ordinal);
            if (MiniJson.Property(root, "categories") is List<KeyValuePair<string, object?>> declared)
            {
                foreach (var category in declared)
                {
                    var fields = category.Value as List<KeyValuePair<string, object?>>;
                    var secret = fields != null && MiniJson.Property(fields, "secret") is bool flag && flag;
                    categories[category.Key] = secret;

                    // Personal unless the policy says otherwise: the engine's cautious default.
                    personal[category.Key] = !(fields != null && MiniJson.Property(fields, "personal") is bool isPersonal && !isPersonal);
                }
            }

            var purposes = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            if (MiniJson.Property(root, "purposes") is List<KeyValuePair<string, object?>> uses)
            {
                foreach (var purpose in uses)
                {
                    purposes.Add(purpose.Key);
                }
            }

            var rules = ImmutableArray.CreateBuilder<Rule>();
            if (MiniJson.Property(root, "rules") is List<object?> listed)
            {
                foreach (var entry in listed)
                {
                    if (entry is List<KeyValuePair<string, object?>> rule && MiniJson.Property(rule, "effect") is string effect)
                    {
                        var selected = Selector(MiniJson.Property(rule, "categories"));
                        rules.Add(new Rule(
                            effect == "permit",
                            selected == null ? (ImmutableArray<string>?)null : selected.ToImmutableArray(),
                            Selector(MiniJson.Property(rule, "purposes")),
                            Selector(MiniJson.Property(rule, "recipients")),
                            MiniJson.Property(rule, "personal") as bool?));
                    }
                }
            }

            var recipients = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            if (MiniJson.Property(root, "recipients") is List<KeyValuePair<string, object?>> parties)
            {
                foreach (var recipient in parties)
                {
                    recipients.Add(recipient.Key);
                }
            }

            return new PolicyVocabulary(name, categories, recipients.ToImmutable())
            {
                _personalByCategory = personal,
                _purposes = purposes.ToImmutable(),
                _rules = rules.ToImmutable(),
            };
        }

        /// <summary>A rule's selector: null for every name (absent or <c>"*"</c>), else the names listed.</summary>
        private static ImmutableHashSet<string>? Selector(object? value) =>
            value is List<object?> names && !names.Contains("*") ? names.OfType<string>().ToImmutableHashSet(StringComparer.Ordinal) : null;

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
