using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Baseline
{
    /// <summary>
    /// What identifies a finding in a baseline, carried by each diagnostic as properties: its rule, the member that
    /// contains it (a documentation-comment id), the sink, and the personal members that reach it. None of them is a
    /// line number, so a finding keeps its fingerprint through edits elsewhere in the file.
    /// </summary>
    internal readonly struct Fingerprint : IEquatable<Fingerprint>
    {
        /// <summary>Diagnostic property: the documentation-comment id of the member where the finding is.</summary>
        public const string MemberProperty = "member";

        /// <summary>Diagnostic property: the sink the data reaches, as the message names it.</summary>
        public const string SinkProperty = "sink";

        /// <summary>Diagnostic property: the personal members (or the policy name) the finding is about, sorted.</summary>
        public const string SourceProperty = "source";

        public Fingerprint(string rule, string member, string sink, string source)
        {
            Rule = rule;
            Member = member;
            Sink = sink;
            Source = source;
        }

        public string Rule { get; }

        public string Member { get; }

        public string Sink { get; }

        public string Source { get; }

        /// <summary>The containing member's id as a baseline records it; "(none)" outside any member.</summary>
        public static string MemberId(ISymbol? symbol)
        {
            while (symbol is IMethodSymbol method && (method.MethodKind == MethodKind.LocalFunction || method.MethodKind == MethodKind.AnonymousFunction))
            {
                symbol = symbol.ContainingSymbol;
            }

            return symbol == null ? "(none)" : DocumentationCommentId.CreateDeclarationId(symbol) ?? symbol.ToDisplayString();
        }

        /// <summary>
        /// The member id of a finding inside a minimal-API endpoint's lambda (<c>app.MapPost("/users", (...) => ...)</c>):
        /// the containing member's id with the endpoint's verb and route (<c>#MapPost /users</c>), so that every endpoint
        /// a method maps has a fingerprint of its own; the member's id alone anywhere else.
        /// </summary>
        public static string MemberId(string member, SyntaxNode sink)
        {
            string? endpoint = null;
            for (var node = sink.Parent; node != null; node = node.Parent)
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax lambda
                    && lambda.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentListSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call } list }
                    && MethodName(call.Expression) is string name && name.StartsWith("Map", StringComparison.Ordinal) && list.Arguments.Count >= 2)
                {
                    // The outermost endpoint wins: a lambda inside a handler belongs to that handler's endpoint.
                    var route = list.Arguments[0].Expression;
                    endpoint = name + " " + (route is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax literal ? literal.Token.ValueText : route.ToString());
                }
            }

            return endpoint == null ? member : member + "#" + endpoint;
        }

        private static string? MethodName(Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax expression) => expression switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.GenericNameSyntax generic => generic.Identifier.ValueText,
            _ => null,
        };

        /// <summary>Adds the fingerprint's parts to a diagnostic's properties.</summary>
        public static ImmutableDictionary<string, string?> AddTo(ImmutableDictionary<string, string?> properties, string member, string sink, string source) =>
            properties.SetItem(MemberProperty, member).SetItem(SinkProperty, sink).SetItem(SourceProperty, source);

        /// <summary>The fingerprint of a reported diagnostic, or null when it carries none.</summary>
        public static Fingerprint? Of(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(MemberProperty, out var member) && member != null
            && diagnostic.Properties.TryGetValue(SinkProperty, out var sink) && sink != null
            && diagnostic.Properties.TryGetValue(SourceProperty, out var source) && source != null
                ? new Fingerprint(diagnostic.Id, member, sink, source)
                : (Fingerprint?)null;

        public bool Equals(Fingerprint other) =>
            string.Equals(Rule, other.Rule, StringComparison.Ordinal) && string.Equals(Member, other.Member, StringComparison.Ordinal)
            && string.Equals(Sink, other.Sink, StringComparison.Ordinal) && string.Equals(Source, other.Source, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Fingerprint other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = StringComparer.Ordinal.GetHashCode(Rule ?? string.Empty);
                hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Member ?? string.Empty);
                hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Sink ?? string.Empty);
                return (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Source ?? string.Empty);
            }
        }

        public override string ToString() => Rule + " in " + Member + ": " + Source + " to " + Sink;
    }
}
