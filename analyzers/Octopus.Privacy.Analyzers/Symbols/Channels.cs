using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// <c>System.Threading.Channels</c>: an in-process queue from the code that writes to a <c>Channel&lt;T&gt;</c> to the
    /// code (often a background service) that reads from it. What is read is what any writer of the compilation wrote.
    /// </summary>
    internal static class Channels
    {
        /// <summary>The element type a call writes to a channel (<c>writer.WriteAsync(item)</c>, <c>TryWrite(item)</c>); null for any other call.</summary>
        public static ITypeSymbol? ElementWritten(IMethodSymbol method) =>
            (method.Name == "WriteAsync" || method.Name == "TryWrite") ? ElementOf(method.ContainingType, "ChannelWriter") : null;

        /// <summary>The element type a writer of this type writes (a <c>ChannelWriter&lt;T&gt;</c> or a type derived from one); null for any other type.</summary>
        public static ITypeSymbol? ElementOfWriter(ITypeSymbol type) => ElementOf(type as INamedTypeSymbol, "ChannelWriter");

        /// <summary>
        /// The element type a call reads from a channel and returns (<c>reader.ReadAllAsync()</c>, <c>await
        /// reader.ReadAsync()</c>); null for any other call.
        /// </summary>
        public static ITypeSymbol? ElementRead(IMethodSymbol method) =>
            (method.Name == "ReadAllAsync" || method.Name == "ReadAsync") ? ElementOf(method.ContainingType, "ChannelReader") : null;

        private static ITypeSymbol? ElementOf(INamedTypeSymbol? type, string name)
        {
            for (; type != null; type = type.BaseType)
            {
                if (type.Name == name && type.TypeArguments.Length == 1 && Names.NamespaceIs(type.ContainingNamespace, "System.Threading.Channels"))
                {
                    return type.TypeArguments[0];
                }
            }

            return null;
        }
    }
}
