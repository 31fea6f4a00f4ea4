using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>Namespace tests that allocate nothing: they run for every call the analysis meets.</summary>
    internal static class Names
    {
        /// <summary>True when <paramref name="ns"/> is exactly the dotted namespace <paramref name="name"/>.</summary>
        public static bool NamespaceIs(INamespaceSymbol? ns, string name)
        {
            var end = name.Length;
            for (var current = ns; current != null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                if (end <= 0)
                {
                    return false;
                }

                var start = name.LastIndexOf('.', end - 1) + 1;
                var length = end - start;
                if (current.Name.Length != length || string.CompareOrdinal(name, start, current.Name, 0, length) != 0)
                {
                    return false;
                }

                end = start - 1;
            }

            return end < 0;
        }

        /// <summary>True for ASP.NET Core Identity's <c>IdentityUser</c> and <c>IdentityUser&lt;TKey&gt;</c> (not the types derived from them).</summary>
        public static bool IsIdentityUser(ITypeSymbol? type) =>
            type != null && type.Name == "IdentityUser" && NamespaceIs(type.ContainingNamespace, "Microsoft.AspNetCore.Identity");

        /// <summary>True for <c>Task</c>, <c>ValueTask</c> and their generic forms of System.Threading.Tasks.</summary>
        public static bool IsTaskType(ITypeSymbol? type) =>
            type is INamedTypeSymbol named && (named.Name == "Task" || named.Name == "ValueTask") && NamespaceIs(named.ContainingNamespace, "System.Threading.Tasks");

        /// <summary>The result of a task (<c>Task&lt;T&gt;</c>, <c>ValueTask&lt;T&gt;</c>: <c>T</c>); the type itself otherwise.</summary>
        public static ITypeSymbol Awaited(ITypeSymbol type) =>
            type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task && IsTaskType(task) ? task.TypeArguments[0] : type;

        /// <summary>
        /// True for ASP.NET Core's verdicts, awaited or not: authorization's <c>AuthorizationResult</c> (whether it
        /// succeeded, and the application's requirements that failed) and Identity's <c>SignInResult</c> (flags). What
        /// was judged (the user, the resource) is not in them. Not <c>IdentityResult</c>: its errors' descriptions name
        /// the user (<c>Username 'x' is already taken.</c>).
        /// </summary>
        public static bool IsVerdict(ITypeSymbol type)
        {
            var result = Awaited(type);
            return (result.Name == "AuthorizationResult" && NamespaceIs(result.ContainingNamespace, "Microsoft.AspNetCore.Authorization"))
                || (result.Name == "SignInResult" && NamespaceIs(result.ContainingNamespace, "Microsoft.AspNetCore.Identity"));
        }

        /// <summary>True when the outermost namespace of <paramref name="ns"/> is <paramref name="root"/> (<c>System</c>).</summary>
        public static bool RootNamespaceIs(INamespaceSymbol? ns, string root)
        {
            INamespaceSymbol? outermost = null;
            for (var current = ns; current != null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                outermost = current;
            }

            return outermost?.Name == root;
        }
    }
}
