using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// The routes the compilation itself serves: its controllers' attribute routes (<c>[Route("api/[controller]")]</c> on
    /// the class, <c>[HttpPatch("Me/Edit")]</c> on the action) and its minimal-API endpoints (<c>app.MapPost("/api/users", ...)</c>,
    /// also under a <c>MapGroup</c> prefix written in the same method). A relative request whose path is one of them goes to
    /// the application's own server (a Blazor Server page calling the API its own project serves), when nothing says the
    /// client is pointed at another host. Found by one pass over the compilation's types and the trees that map endpoints,
    /// when first asked.
    /// </summary>
    internal sealed class ServedRoutes
    {
        private static readonly string[] MapMethods = { "MapGet", "MapPost", "MapPut", "MapPatch", "MapDelete", "MapMethods" };

        // The prefix every call of a method gives the route builder it is handed, per parameter (null: unknown).
        private readonly Dictionary<IParameterSymbol, string?> _givenPrefixes = new Dictionary<IParameterSymbol, string?>(SymbolEqualityComparer.Default);

        /// <summary>Each route's segments: a literal, a parameter (<c>{id}</c>), or a catch-all (<c>{*path}</c>).</summary>
        private readonly List<string[]> _routes = new List<string[]>();

        private ServedRoutes()
        {
        }

        /// <summary>Scans the compilation for the routes its controllers and endpoints serve.</summary>
        public static ServedRoutes Find(Compilation compilation, CancellationToken cancellationToken)
        {
            var found = new ServedRoutes();
            foreach (var symbol in compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type, cancellationToken))
            {
                if (symbol is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } type && IsController(type))
                {
                    found.AddController(type);
                }
            }

            var buffer = new char[SourceTexts.BufferLength];
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (SourceTexts.ContainsAny(tree.GetText(cancellationToken), MapMethods, buffer))
                {
                    found.AddEndpoints(compilation, tree, cancellationToken);
                }
            }

            return found;
        }

        /// <summary>
        /// True when <paramref name="uri"/>, a relative request URI (<see cref="OwnServiceClients.IsRelative"/>), names a
        /// path one of the routes serves: literal segments equal (ignoring case), a route parameter matching any segment, a
        /// value interpolated into the request matching any route segment; at least one literal segment of the request
        /// matches a literal of the route.
        /// </summary>
        public bool Serves(IOperation? uri)
        {
            if (_routes.Count == 0)
            {
                return false;
            }

            var request = RequestSegments(uri);
            return request != null && _routes.Any(route => Matches(route, request));
        }

        private static bool IsController(INamedTypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.Name == "ControllerBase" && Names.NamespaceIs(current.ContainingNamespace, "Microsoft.AspNetCore.Mvc"))
                {
                    return true;
                }
            }

            return false;
        }

        private void AddController(INamedTypeSymbol type)
        {
            var controller = type.Name.EndsWith("Controller", StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Controller".Length) : type.Name;
            string? area = null;
            var prefixes = new List<string>();
            for (var current = type; current != null && prefixes.Count == 0; current = current.BaseType)
            {
                foreach (var attribute in current.GetAttributes())
                {
                    if (attribute.AttributeClass is { Name: "AreaAttribute" } && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                    {
                        area ??= name;
                    }
                    else if (Template(attribute) is string template)
                    {
                        prefixes.Add(template);
                    }
                }
            }

            foreach (var member in type.GetMembers())
            {
                if (!(member is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public, IsStatic: false } action))
                {
                    continue;
                }

                var actionName = action.Name.EndsWith("Async", StringComparison.Ordinal) ? action.Name.Substring(0, action.Name.Length - "Async".Length) : action.Name;
                var own = action.GetAttributes().Select(Template).Where(t => t != null).ToList();
                if (own.Count == 0)
                {
                    // An action with no template of its own answers at its controller's routes, if the controller has any.
                    own.Add(string.Empty);
                }

                foreach (var template in own)
                {
                    if (template!.StartsWith("/", StringComparison.Ordinal) || template.StartsWith("~/", StringComparison.Ordinal))
                    {
                        Add(template, controller, actionName, area);
                        continue;
                    }

                    foreach (var prefix in prefixes)
                    {
                        Add(template.Length == 0 ? prefix : prefix.TrimEnd('/') + "/" + template, controller, actionName, area);
                    }
                }
            }
        }

        /// <summary>The template of a routing attribute of ASP.NET Core MVC (<c>[Route]</c>, <c>[HttpGet]</c>, ...), null for none.</summary>
        private static string? Template(AttributeData attribute)
        {
            if (!(attribute.AttributeClass is { } type && Names.NamespaceIs(type.ContainingNamespace, "Microsoft.AspNetCore.Mvc")
                && (type.Name == "RouteAttribute" || (type.Name.StartsWith("Http", StringComparison.Ordinal) && type.Name.EndsWith("Attribute", StringComparison.Ordinal)) || type.Name == "AcceptVerbsAttribute")))
            {
                return null;
            }

            foreach (var named in attribute.NamedArguments)
            {
                if ((named.Key == "Template" || named.Key == "Route") && named.Value.Kind == TypedConstantKind.Primitive && named.Value.Value is string route)
                {
                    return route;
                }
            }

            return type.Name != "AcceptVerbsAttribute" && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Primitive && attribute.ConstructorArguments[0].Value is string template
                ? template
                : null;
        }

        private void AddEndpoints(Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken)
        {
            SemanticModel? model = null;
            foreach (var syntax in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (!(syntax.Expression is MemberAccessExpressionSyntax access && Array.IndexOf(MapMethods, access.Name.Identifier.ValueText) >= 0))
                {
                    continue;
                }

#pragma warning disable RS1030 // Endpoints are mapped in other trees (Program.cs) than the requests; scanned once per compilation.
                model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetOperation(syntax, cancellationToken) is IInvocationOperation map
                    && IsRouteBuilderExtension(map.TargetMethod)
                    && Pattern(map) is string pattern
                    && Prefix(map, model, compilation, 0, cancellationToken) is string prefix)
                {
                    Add(prefix.TrimEnd('/') + "/" + pattern.TrimStart('/'), null, null, null);
                }
            }
        }

        private static bool IsRouteBuilderExtension(IMethodSymbol method) =>
            method.ContainingType is { } type
            && (type.Name == "EndpointRouteBuilderExtensions" || type.Name == "RouteBuilderExtensions")
            && Names.NamespaceIs(type.ContainingNamespace, "Microsoft.AspNetCore.Builder");

        private static string? Pattern(IInvocationOperation map)
        {
            var pattern = map.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern" || a.Parameter?.Name == "prefix")?.Value;
            while (pattern is IConversionOperation conversion)
            {
                pattern = conversion.Operand;
            }

            return pattern?.ConstantValue is { HasValue: true, Value: string text } ? text : null;
        }

        /// <summary>
        /// The prefix the groups an endpoint is mapped on add: empty for the application or a route builder itself, the
        /// pattern of a <c>MapGroup</c> called in place or held in a local initialized in the same tree, the prefix every
        /// call of a method gives the builder it is handed; null when unknown (a builder handed to a method nothing here
        /// calls, or that its calls hand builders of different prefixes).
        /// </summary>
        private string? Prefix(IInvocationOperation map, SemanticModel model, Compilation compilation, int depth, CancellationToken cancellationToken) =>
            PrefixOf(map.Instance ?? (map.Arguments.Length > 0 ? map.Arguments[0].Value : null), model, compilation, depth, cancellationToken);

        /// <summary>The route prefix of a builder endpoints are mapped on; null when unknown.</summary>
        private string? PrefixOf(IOperation? receiver, SemanticModel model, Compilation compilation, int depth, CancellationToken cancellationToken)
        {
            while (receiver is IConversionOperation conversion)
            {
                receiver = conversion.Operand;
            }

            if (depth > 8 || receiver == null)
            {
                return null;
            }

            var initial = OwnServiceClients.LocalInitializer(receiver, model, cancellationToken);
            while (initial is IConversionOperation conversion)
            {
                initial = conversion.Operand;
            }

            if (initial is IInvocationOperation created)
            {
                // var accounts = app.MapGroup("/api/accounts"); accounts.MapPost(...).
                receiver = created;
            }

            if (receiver is IInvocationOperation { TargetMethod: { Name: "MapGroup" } } group && IsRouteBuilderExtension(group.TargetMethod))
            {
                return Pattern(group) is string pattern && Prefix(group, model, compilation, depth + 1, cancellationToken) is string outer
                    ? outer.TrimEnd('/') + "/" + pattern.Trim('/')
                    : null;
            }

            // The application itself, or the builder UseEndpoints hands its lambda.
            if ((receiver.Type is { Name: "WebApplication" } && Names.NamespaceIs(receiver.Type.ContainingNamespace, "Microsoft.AspNetCore.Builder"))
                || receiver is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } } })
            {
                return string.Empty;
            }

            // app.MapAccountApi() of MapAccountApi(this IEndpointRouteBuilder endpoints): the prefix every call gives.
            return receiver is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } method } parameter }
                ? PrefixGivenBy(method, parameter, compilation, depth, cancellationToken)
                : null;
        }

        /// <summary>
        /// The prefix of the builder every call of <paramref name="method"/> in the compilation hands it as
        /// <paramref name="parameter"/>; null when there is no call, or the calls give different or unknown prefixes.
        /// </summary>
        private string? PrefixGivenBy(IMethodSymbol method, IParameterSymbol parameter, Compilation compilation, int depth, CancellationToken cancellationToken)
        {
            // Asked once per endpoint the method maps: the calls are looked for once per parameter.
            if (_givenPrefixes.TryGetValue(parameter.OriginalDefinition, out var known))
            {
                return known;
            }

            var prefix = FindPrefixGivenBy(method.OriginalDefinition, parameter, compilation, depth, cancellationToken);
            _givenPrefixes[parameter.OriginalDefinition] = prefix;
            return prefix;
        }

        private string? FindPrefixGivenBy(IMethodSymbol method, IParameterSymbol parameter, Compilation compilation, int depth, CancellationToken cancellationToken)
        {
            string? found = null;
            var names = new[] { method.Name };
            var buffer = new char[SourceTexts.BufferLength];
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!SourceTexts.ContainsAny(tree.GetText(cancellationToken), names, buffer))
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var syntax in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (OwnServiceClients.CalledName(syntax.Expression)?.Identifier.ValueText != method.Name)
                    {
                        continue;
                    }

#pragma warning disable RS1030 // The calls are in other trees (Program.cs) than the endpoints; followed once per compilation.
                    model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    if (!(model.GetOperation(syntax, cancellationToken) is IInvocationOperation call)
                        || !SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method))
                    {
                        continue;
                    }

                    // An extension method's call is the static method's, its receiver the first argument (app of app.MapAccountApi()).
                    var given = call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal)?.Value;
                    if (!(PrefixOf(given, model, compilation, depth + 1, cancellationToken) is string prefix) || (found != null && found != prefix))
                    {
                        return null;
                    }

                    found = prefix;
                }
            }

            return found;
        }

        private void Add(string template, string? controller, string? action, string? area)
        {
            var segments = new List<string>();
            foreach (var part in template.TrimStart('~').Split('/'))
            {
                if (part.Length == 0)
                {
                    continue;
                }

                var segment = part;
                if (controller != null)
                {
                    segment = Replace(segment, "[controller]", controller);
                    segment = Replace(segment, "[action]", action!);
                    if (area != null)
                    {
                        segment = Replace(segment, "[area]", area);
                    }
                }

                if (segment.IndexOf('[') >= 0)
                {
                    // A token the route table fills from something not read here.
                    return;
                }

                segments.Add(segment);
            }

            _routes.Add(segments.ToArray());
        }

        private static string Replace(string text, string token, string value)
        {
            var at = text.IndexOf(token, StringComparison.OrdinalIgnoreCase);
            return at < 0 ? text : text.Substring(0, at) + value + text.Substring(at + token.Length);
        }

        /// <summary>A relative request's path segments; null stands for a value interpolated into a segment. Null when not read.</summary>
        private static List<string?>? RequestSegments(IOperation? uri)
        {
            while (uri is IConversionOperation conversion)
            {
                uri = conversion.Operand;
            }

            var segments = new List<string?>();
            var current = new System.Text.StringBuilder();
            var hole = false;

            void End()
            {
                if (hole)
                {
                    segments.Add(null);
                }
                else if (current.Length > 0)
                {
                    segments.Add(current.ToString());
                }

                current.Clear();
                hole = false;
            }

            // Reads text until the query or fragment; false once there.
            bool Text(string text)
            {
                foreach (var c in text)
                {
                    if (c == '?' || c == '#')
                    {
                        return false;
                    }

                    if (c == '/')
                    {
                        End();
                    }
                    else
                    {
                        current.Append(c);
                    }
                }

                return true;
            }

            switch (uri)
            {
                case { ConstantValue: { HasValue: true, Value: string text } }:
                    Text(text.TrimStart('~'));
                    break;
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolatedStringTextOperation { Text: { ConstantValue: { HasValue: true, Value: string piece } } })
                        {
                            if (!Text(piece))
                            {
                                break;
                            }
                        }
                        else
                        {
                            hole = true;
                        }
                    }

                    break;
                default:
                    return null;
            }

            End();
            return segments;
        }

        private static bool Matches(string[] route, List<string?> request)
        {
            var literal = false;
            var i = 0;
            for (; i < route.Length; i++)
            {
                var segment = route[i];
                var parameter = segment.IndexOf('{') >= 0;
                if (parameter && segment.StartsWith("{*", StringComparison.Ordinal))
                {
                    // A catch-all takes the rest of the path, none of it too.
                    return literal;
                }

                if (i >= request.Count)
                {
                    // The rest of the route must be optional parameters.
                    return literal && route.Skip(i).All(s => s.StartsWith("{", StringComparison.Ordinal) && s.EndsWith("?}", StringComparison.Ordinal));
                }

                var asked = request[i];
                if (parameter || asked == null)
                {
                    continue;
                }

                if (!string.Equals(segment, asked, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                literal = true;
            }

            return literal && i == request.Count;
        }
    }
}
