using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>The attribute types, sinks and guards of one compilation, resolved once.</summary>
    internal sealed class PrivacySymbols
    {
        private PrivacySymbols(Compilation compilation)
        {
            Pii = TypeNamed(compilation, "Octopus.Privacy.PiiAttribute");
            PersonalData = TypeNamed(compilation, "Microsoft.AspNetCore.Identity.PersonalDataAttribute");
            DataClassification = TypeNamed(compilation, "Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute");
            PrivacyCategory = TypeNamed(compilation, "Octopus.Privacy.Compliance.PrivacyCategoryAttribute");
            DataRecipient = TypeNamed(compilation, "Octopus.Privacy.DataRecipientAttribute");
            ConsentCheck = TypeNamed(compilation, "Octopus.Privacy.ConsentCheckAttribute");
            RequiresConsent = TypeNamed(compilation, "Octopus.Privacy.RequiresConsentAttribute");
            PiiSanitizer = TypeNamed(compilation, "Octopus.Privacy.PiiSanitizerAttribute");
            PolicyDecision = TypeNamed(compilation, "Octopus.Privacy.PolicyDecision");
            Redactor = TypeNamed(compilation, "Microsoft.Extensions.Compliance.Redaction.Redactor");

            LogTypes = Types(
                compilation,
                "Microsoft.Extensions.Logging.ILogger",
                "Microsoft.Extensions.Logging.LoggerExtensions",
                "System.Console",
                "System.Diagnostics.Debug",
                "System.Diagnostics.Trace",
                "Serilog.ILogger",
                "Serilog.Log",
                "NLog.ILogger",
                "NLog.ILoggerBase",
                "NLog.Logger",
                "NLog.ScopeContext",
                "Serilog.Context.LogContext",
                "Serilog.Core.ILogEventPropertyFactory",
                "Serilog.IDiagnosticContext",
                "Microsoft.ApplicationInsights.TelemetryClient");
            LoggerMessage = TypeNamed(compilation, "Microsoft.Extensions.Logging.LoggerMessageAttribute");
            HttpClient = TypeNamed(compilation, "System.Net.Http.HttpClient");
            HttpClientJson = TypeNamed(compilation, "System.Net.Http.Json.HttpClientJsonExtensions");
            SmtpClient = TypeNamed(compilation, "System.Net.Mail.SmtpClient");
            ILogger = TypeNamed(compilation, "Microsoft.Extensions.Logging.ILogger");
            LogProperties = TypeNamed(compilation, "Microsoft.Extensions.Logging.LogPropertiesAttribute");
            Exception = TypeNamed(compilation, "System.Exception");
            TextWriter = TypeNamed(compilation, "System.IO.TextWriter");
            UserManager = TypeNamed(compilation, "Microsoft.AspNetCore.Identity.UserManager`1");
            HttpContext = TypeNamed(compilation, "Microsoft.AspNetCore.Http.HttpContext");
            ThirdParties = ThirdPartySinks.Resolve(compilation);
            Assembly = compilation.Assembly;
        }

        /// <summary>The assembly being compiled.</summary>
        public IAssemblySymbol Assembly { get; }

        public INamedTypeSymbol? ILogger { get; }

        public INamedTypeSymbol? LogProperties { get; }

        public INamedTypeSymbol? Exception { get; }

        public INamedTypeSymbol? TextWriter { get; }

        public INamedTypeSymbol? UserManager { get; }

        public INamedTypeSymbol? HttpContext { get; }

        /// <summary>The third-party clients this compilation references: mail, HTTP, message brokers.</summary>
        public ImmutableArray<ThirdPartySinks.Entry> ThirdParties { get; }

        public INamedTypeSymbol? Pii { get; }

        public INamedTypeSymbol? PersonalData { get; }

        public INamedTypeSymbol? DataClassification { get; }

        /// <summary>Octopus.Privacy.Compliance's classification by policy category, whose subclasses name one category.</summary>
        public INamedTypeSymbol? PrivacyCategory { get; }

        public INamedTypeSymbol? DataRecipient { get; }

        public INamedTypeSymbol? ConsentCheck { get; }

        public INamedTypeSymbol? RequiresConsent { get; }

        public INamedTypeSymbol? PiiSanitizer { get; }

        public INamedTypeSymbol? PolicyDecision { get; }

        public INamedTypeSymbol? Redactor { get; }

        public ImmutableHashSet<INamedTypeSymbol> LogTypes { get; }

        public INamedTypeSymbol? LoggerMessage { get; }

        public INamedTypeSymbol? HttpClient { get; }

        public INamedTypeSymbol? HttpClientJson { get; }

        public INamedTypeSymbol? SmtpClient { get; }

        /// <summary>
        /// <see cref="Compilation.GetTypeByMetadataName"/> by way of the namespaces the type would be declared in: a name
        /// whose namespace no assembly in reach declares (most of the clients the analyzer knows, in any one project), or
        /// one type of that name in them, costs a look-up per name instead of a search of every referenced assembly.
        /// </summary>
        public static INamedTypeSymbol? TypeNamed(Compilation compilation, string metadataName)
        {
            var current = compilation.GlobalNamespace;
            var start = 0;
            int dot;
            while ((dot = metadataName.IndexOf('.', start)) > 0)
            {
                var part = metadataName.Substring(start, dot - start);
                INamespaceSymbol? inner = null;
                foreach (var member in current.GetMembers(part))
                {
                    if (member is INamespaceSymbol ns)
                    {
                        inner = ns;
                        break;
                    }
                }

                if (inner == null)
                {
                    return null;
                }

                current = inner;
                start = dot + 1;
            }

            // The type itself (and the types nested in it, Outer+Inner): when each name is one type, that is the one
            // GetTypeByMetadataName would find, which otherwise searches every referenced assembly for a second.
            INamespaceOrTypeSymbol container = current;
            INamedTypeSymbol? found = null;
            foreach (var name in metadataName.Substring(start).Split('+'))
            {
                var tick = name.IndexOf('`');
                var arity = tick > 0 && int.TryParse(name.Substring(tick + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
                var types = container.GetTypeMembers(tick > 0 ? name.Substring(0, tick) : name, arity);
                if (types.Length != 1)
                {
                    return types.IsEmpty ? null : compilation.GetTypeByMetadataName(metadataName);
                }

                found = types[0];
                container = found;
            }

            return found;
        }

        /// <summary>True when the compilation can contain personal data at all.</summary>
        /// <remarks>A web application can read personal claims (<c>ClaimTypes.Email</c>) even without attributed members.</remarks>
        public bool HasSources => Pii != null || PersonalData != null || DataClassification != null || UserManager != null || HttpContext != null;

        public static PrivacySymbols Resolve(Compilation compilation) => new PrivacySymbols(compilation);

        /// <summary>
        /// A first look at a compilation, before anything is resolved: false when nothing in it can be personal data, so
        /// that no method needs a look. Web and Identity types (claims, users, Identity's <c>[PersonalData]</c>) or
        /// the compliance classifications in reach, a referenced assembly built against the attributes' assemblies (a
        /// model library whose members may be marked), an attribute or alias in the source that names
        /// <c>[Pii]</c> or <c>[RequiresConsent]</c>, or an account that keeps a password's hash, declared here or in an
        /// assembly of the application's (<see cref="ApplicationUserTypes.AnyInReach"/>), each say it can. Method bodies are
        /// not read.
        /// </summary>
        public static bool MayHoldPersonalData(Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var name in SourceTypes)
            {
                if (TypeNamed(compilation, name) != null)
                {
                    return true;
                }
            }

            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (!assembly.Name.StartsWith("Octopus.Privacy", System.StringComparison.Ordinal)
                    && assembly.Modules.Any(m => m.ReferencedAssemblies.Any(a => a.Name == "Octopus.Privacy.Annotations" || a.Name == "Microsoft.Extensions.Compliance.Abstractions" || a.Name == "Microsoft.Extensions.Identity.Stores")))
                {
                    return true;
                }
            }

            return DeclarationFacts.For(compilation, cancellationToken).NamesMarking || ApplicationUserTypes.AnyInReach(compilation, cancellationToken);
        }

        /// <summary>
        /// Whether a referenced assembly other than this package's own is built against the package (<c>Octopus.Privacy</c>
        /// or its attributes): a library of the application that may declare consent checks or hand out the guard.
        /// </summary>
        public static bool ReferencesBuiltAgainstThePackage(Compilation compilation)
        {
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (!assembly.Name.StartsWith("Octopus.Privacy", System.StringComparison.Ordinal)
                    && assembly.Modules.Any(m => m.ReferencedAssemblies.Any(a => a.Name == "Octopus.Privacy.Annotations" || a.Name == "Octopus.Privacy")))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The types whose presence means personal data can come from outside the source: claims, users, classifications.</summary>
        private static readonly string[] SourceTypes =
        {
            "Microsoft.AspNetCore.Identity.UserManager`1",
            "Microsoft.AspNetCore.Http.HttpContext",
            "Microsoft.AspNetCore.Identity.PersonalDataAttribute",
            "Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute",
        };

        /// <summary>
        /// The attribute's only constructor argument when it is a string; null for any other shape (none, several, an
        /// array, a type, an enum, an error). Reading <see cref="TypedConstant.Value"/> of an array throws, so every
        /// attribute argument the analyzers read goes through here.
        /// </summary>
        public static string? SingleString(AttributeData attribute)
        {
            var arguments = attribute.ConstructorArguments;
            return arguments.Length == 1 && arguments[0].Kind == TypedConstantKind.Primitive ? arguments[0].Value as string : null;
        }

        public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
            attribute != null && symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

        /// <summary>
        /// The marks the analysis asks about a method, each found on the method, on a method it overrides, or on an
        /// interface method it implements: one walk of the hierarchy, each method's attributes read once.
        /// </summary>
        public MethodMarks MarksInHierarchy(IMethodSymbol method)
        {
            var original = method.ReducedFrom ?? method.OriginalDefinition;
            var marks = MethodMarks.None;
            for (var current = original; current != null; current = current.OverriddenMethod)
            {
                marks |= MarksOf(current);
            }

            var type = original.ContainingType;
            if (type == null)
            {
                return marks;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                foreach (var member in implemented.GetMembers(original.Name))
                {
                    // The marks first: most interface members carry none, and finding the implementation costs more.
                    if (member is IMethodSymbol interfaceMethod && MarksOf(interfaceMethod) is var found && (found & ~marks) != 0
                        && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod), original))
                    {
                        marks |= found;
                    }
                }
            }

            if (Redactor != null && original.Name == "Redact" && IsOrDerives(original.ContainingType, Redactor))
            {
                marks |= MethodMarks.Sanitizer;
            }

            return marks;
        }

        private MethodMarks MarksOf(IMethodSymbol method)
        {
            var marks = MethodMarks.None;
            foreach (var attribute in method.GetAttributes())
            {
                var type = attribute.AttributeClass;
                if (type == null)
                {
                    continue;
                }

                if (SymbolEqualityComparer.Default.Equals(type, ConsentCheck))
                {
                    marks |= MethodMarks.ConsentCheck;
                }
                else if (SymbolEqualityComparer.Default.Equals(type, PiiSanitizer))
                {
                    marks |= MethodMarks.Sanitizer;
                }
                else if (SymbolEqualityComparer.Default.Equals(type, RequiresConsent))
                {
                    marks |= MethodMarks.RequiresConsent;
                }
                else if (SymbolEqualityComparer.Default.Equals(type, LoggerMessage))
                {
                    marks |= MethodMarks.LoggerMessage;
                }
            }

            return marks;
        }

        /// <summary>True when the method, a method it overrides, or an interface method it implements carries the attribute.</summary>
        public static bool HasAttributeInHierarchy(IMethodSymbol method, INamedTypeSymbol? attribute)
        {
            if (attribute == null)
            {
                return false;
            }

            var original = method.ReducedFrom ?? method.OriginalDefinition;
            for (var current = original; current != null; current = current.OverriddenMethod)
            {
                if (HasAttribute(current, attribute))
                {
                    return true;
                }
            }

            foreach (var iface in original.ContainingType?.AllInterfaces ?? ImmutableArray<INamedTypeSymbol>.Empty)
            {
                foreach (var member in iface.GetMembers(original.Name).OfType<IMethodSymbol>())
                {
                    if (HasAttribute(member, attribute) && SymbolEqualityComparer.Default.Equals(original.ContainingType!.FindImplementationForInterfaceMember(member), original))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The type is <paramref name="baseType"/>, derives from it, or implements it.</summary>
        public static bool IsOrImplements(ITypeSymbol? type, INamedTypeSymbol baseType) =>
            IsOrDerives(type, baseType)
            || (type != null && baseType.TypeKind == TypeKind.Interface && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, baseType)));

        public static bool IsOrDerives(ITypeSymbol? type, INamedTypeSymbol baseType)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static ImmutableHashSet<INamedTypeSymbol> Types(Compilation compilation, params string[] names)
        {
            var builder = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var name in names)
            {
                if (TypeNamed(compilation, name) is INamedTypeSymbol type)
                {
                    builder.Add(type);
                }
            }

            return builder.ToImmutable();
        }
    }

    /// <summary>The package's marks on a method (and <c>[LoggerMessage]</c>), as <see cref="PrivacySymbols.MarksInHierarchy"/> finds them.</summary>
    [System.Flags]
    internal enum MethodMarks
    {
        None = 0,
        ConsentCheck = 1,
        Sanitizer = 2,
        RequiresConsent = 4,
        LoggerMessage = 8,
    }
}
