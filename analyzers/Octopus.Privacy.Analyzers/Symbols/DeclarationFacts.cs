using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// What a compilation's declarations say about the package's attributes, read once per compilation for all the
    /// package's analyzers (each used to walk the declarations on its own): which of <c>[Pii]</c>, <c>[RequiresConsent]</c>,
    /// <c>[DataRecipient]</c> and <c>[ConsentCheck]</c> an attribute or a using alias names, without resolving anything
    /// and without reading method bodies; and, when asked, whether the source mentions <c>Octopus</c> at all.
    /// </summary>
    internal sealed class DeclarationFacts
    {
        private static readonly ConditionalWeakTable<Compilation, DeclarationFacts> PerCompilation = new ConditionalWeakTable<Compilation, DeclarationFacts>();

        /// <summary>
        /// What a file must hold for <see cref="Note"/> to find anything in it: the words it looks for, or an escape that
        /// could spell one in an identifier (<c>P\u0069i</c>).
        /// </summary>
        private static readonly string[] Words = { "Pii", "RequiresConsent", "DataRecipient", "ConsentCheck", "\\u", "\\U" };

        private readonly Compilation _compilation;
        private int _mentionsOctopus = -1;

        private DeclarationFacts(Compilation compilation, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            var buffer = new char[SourceTexts.BufferLength];
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!SourceTexts.ContainsAny(tree.GetText(cancellationToken), Words, buffer))
                {
                    // Most files name none of the attributes: their text says so before any node is made.
                    continue;
                }

                var root = tree.GetRoot(cancellationToken);
                foreach (var node in root.DescendantNodes(n => !(n is BlockSyntax || n is ArrowExpressionClauseSyntax || n is EqualsValueClauseSyntax)))
                {
                    switch (node)
                    {
                        case AttributeSyntax attribute:
                            Note(LastName(attribute.Name));
                            break;
                        case UsingDirectiveSyntax { Alias: not null } alias:
                            Note(alias.ToString());
                            break;
                    }
                }
            }
        }

        /// <summary>Gets a value indicating whether an attribute or alias names <c>[Pii]</c> (not <c>[PiiSanitizer]</c>) or <c>[RequiresConsent]</c>.</summary>
        public bool NamesMarking { get; private set; }

        /// <summary>Gets a value indicating whether an attribute or alias names <c>[Pii]</c> or <c>[DataRecipient]</c>, the attributes that name policy names.</summary>
        public bool NamesPolicyName { get; private set; }

        /// <summary>Gets a value indicating whether an attribute or alias names <c>[ConsentCheck]</c>.</summary>
        public bool NamesConsentCheck { get; private set; }

        public static DeclarationFacts For(Compilation compilation, CancellationToken cancellationToken) =>
            PerCompilation.GetValue(compilation, c => new DeclarationFacts(c, cancellationToken));

        /// <summary>
        /// Whether any source text of the compilation holds <c>Octopus</c>: a using directive, a global using, a qualified
        /// name. Code that names none of the package's types cannot call its consent checks directly. Read once, by
        /// chunks of the text, on first ask.
        /// </summary>
        public bool MentionsOctopus(CancellationToken cancellationToken)
        {
            if (_mentionsOctopus < 0)
            {
                _mentionsOctopus = Scan(_compilation, cancellationToken) ? 1 : 0;
            }

            return _mentionsOctopus == 1;
        }

        private static bool Scan(Compilation compilation, CancellationToken cancellationToken)
        {
            var buffer = new char[SourceTexts.BufferLength];
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (SourceTexts.Contains(tree.GetText(cancellationToken), "Octopus", buffer))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The attribute's own name, without namespace or alias qualifier, and without allocating.</summary>
        private static string LastName(NameSyntax name)
        {
            switch (name)
            {
                case QualifiedNameSyntax qualified:
                    return qualified.Right.Identifier.ValueText;
                case AliasQualifiedNameSyntax aliased:
                    return aliased.Name.Identifier.ValueText;
                case SimpleNameSyntax simple:
                    return simple.Identifier.ValueText;
                default:
                    return name.ToString();
            }
        }

        private static bool Has(string text, string word) => text.IndexOf(word, System.StringComparison.Ordinal) >= 0;

        private void Note(string text)
        {
            var pii = Has(text, "Pii") && !Has(text, "PiiSanitizer");
            NamesMarking |= pii || Has(text, "RequiresConsent");
            NamesPolicyName |= pii || Has(text, "DataRecipient");
            NamesConsentCheck |= Has(text, "ConsentCheck");
        }
    }
}
