using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Octopus.Privacy.Analyzers.Configuration
{
    /// <summary>
    /// A file the analyzers read from the project's <c>AdditionalFiles</c>, named by an MSBuild property (made visible
    /// to the compiler by the package's build props) or by an .editorconfig / global config key.
    /// </summary>
    internal static class ProjectFile
    {
        /// <summary>
        /// The name the project gives, from the MSBuild property first and then the key (in a global config, or in an
        /// .editorconfig section that covers the project's files, read through its first file), with where it came
        /// from for messages; false when neither is set.
        /// </summary>
        public static bool TryGetName(AnalyzerOptions options, Compilation compilation, string msbuildProperty, string key, out string name, out string source)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            if (provider.GlobalOptions.TryGetValue("build_property." + msbuildProperty, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                name = value.Trim();
                source = "the MSBuild property " + msbuildProperty;
                return true;
            }

            if (AnalyzerSettings.ProjectValue(provider, compilation, key) is string configured && !string.IsNullOrWhiteSpace(configured))
            {
                name = configured.Trim();
                source = "the " + key + " key";
                return true;
            }

            name = string.Empty;
            source = string.Empty;
            return false;
        }

        /// <summary>The additional file with that name or path suffix, or null.</summary>
        public static AdditionalText? Find(ImmutableArray<AdditionalText> files, string name)
        {
            var normalized = name.Replace('\\', '/');
            return files.FirstOrDefault(f => f.Path.Replace('\\', '/').EndsWith("/" + normalized.TrimStart('/'), StringComparison.OrdinalIgnoreCase)
                || string.Equals(Path.GetFileName(f.Path), normalized, StringComparison.OrdinalIgnoreCase)
                || string.Equals(f.Path.Replace('\\', '/'), normalized, StringComparison.OrdinalIgnoreCase));
        }
    }
}
