using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Octopus.Privacy.Analyzers.Configuration;
using Octopus.Privacy.Analyzers.Rules;

namespace Octopus.Privacy.Analyzers.Baseline
{
    /// <summary>
    /// The findings a project has accepted, read from the baseline file that <c>octopus-privacy baseline</c> writes:
    /// <code>{ "version": 1, "findings": [ { "rule": "OPRIV001", "member": "M:...", "sink": "...", "source": "..." } ] }</code>
    /// Entries may also carry a "file" and a "line" for people; only the fingerprint is matched.
    /// </summary>
    internal sealed class BaselineFile
    {
        /// <summary>The .editorconfig / global analyzer config key naming the baseline among the additional files.</summary>
        public const string BaselineFileOption = "octopus_privacy.baseline_file";

        /// <summary>The MSBuild property naming the baseline; the package's build files add it to AdditionalFiles.</summary>
        public const string BaselineFileProperty = "OctopusPrivacyBaselineFile";

        /// <summary>The only format version this analyzer reads.</summary>
        public const int FormatVersion = BaselineFormat.Version;

        private static readonly BaselineFile None = new BaselineFile(accepted: null, problem: null);

        private static readonly ConditionalWeakTable<AnalyzerOptions, BaselineFile> PerOptions = new ConditionalWeakTable<AnalyzerOptions, BaselineFile>();

        // Null without a baseline: most builds have none, and a set of these structs is code the runtime would have
        // to compile in every compiler process just to say it is empty.
        private readonly HashSet<Fingerprint>? _accepted;

        private BaselineFile(HashSet<Fingerprint>? accepted, Diagnostic? problem)
        {
            _accepted = accepted;
            Problem = problem;
        }

        /// <summary>True when no finding is accepted: there is no baseline, it is empty, or it cannot be used.</summary>
        public bool AcceptsNothing => _accepted == null || _accepted.Count == 0;

        /// <summary>True when the baseline accepts the finding with <paramref name="fingerprint"/>.</summary>
        public bool Accepts(Fingerprint fingerprint) => _accepted != null && _accepted.Contains(fingerprint);

        /// <summary>Why the named baseline cannot be used (an OPRIV006 error), or null.</summary>
        public Diagnostic? Problem { get; }

        /// <summary>The project's baseline, read once per set of analyzer options.</summary>
        public static BaselineFile For(AnalyzerOptions options, Compilation compilation, CancellationToken cancellationToken) =>
            PerOptions.GetValue(options, o => Read(o, compilation, cancellationToken));

        private static BaselineFile Read(AnalyzerOptions options, Compilation compilation, CancellationToken cancellationToken)
        {
            if (!ProjectFile.TryGetName(options, compilation, BaselineFileProperty, BaselineFileOption, out var name, out var source))
            {
                return None;
            }

            var file = ProjectFile.Find(options.AdditionalFiles, name);
            if (file is null)
            {
                return Broken(Location.None, $"the baseline file '{name}' named by {source}: it is not among the project's AdditionalFiles (add <AdditionalFiles Include=\"{name}\" />)");
            }

            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                return Broken(Location.Create(file.Path, default, default), $"the baseline file '{file.Path}': it cannot be read");
            }

            var entries = BaselineFormat.TryRead(text.ToString(), out var problem, out var offset);
            if (entries is null)
            {
                return Broken(At(file, text, offset), $"the baseline file '{file.Path}': {problem}");
            }

            var accepted = new HashSet<Fingerprint>();
            foreach (var entry in entries)
            {
                accepted.Add(new Fingerprint(entry.Rule, entry.Member, entry.Sink, entry.Source));
            }

            return new BaselineFile(accepted, problem: null);
        }

        private static Location At(AdditionalText file, SourceText text, int offset)
        {
            var span = new TextSpan(offset, 0);
            return Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
        }

        // A baseline that cannot be read accepts nothing: every finding is reported, with the error that says why.
        private static BaselineFile Broken(Location location, string message) =>
            new BaselineFile(accepted: null, Diagnostic.Create(UnreadablePolicyFile.Descriptor, location, message));
    }
}
