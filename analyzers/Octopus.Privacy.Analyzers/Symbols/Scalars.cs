using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// Types whose values hold no object: numbers, flags, characters, dates and times, GUIDs and enums. A value of one
    /// is personal data only when a member marked personal holds it, never because the object it was read from, or
    /// computed from, holds personal members.
    /// </summary>
    internal static class Scalars
    {
        /// <summary>What a task or a nullable of <paramref name="type"/> holds (<c>Task&lt;int&gt;</c>, <c>int?</c>: <c>int</c>); the type itself otherwise.</summary>
        public static ITypeSymbol Unwrap(ITypeSymbol type) =>
            type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } wrapper
            && (Names.IsTaskType(wrapper) || wrapper.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                ? wrapper.TypeArguments[0]
                : type;

        /// <summary>A number, a flag, a character, a date or time, a GUID or an enum, or a task or nullable of one.</summary>
        public static bool IsScalar(ITypeSymbol type)
        {
            type = Unwrap(type);
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Char:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Decimal:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_DateTime:
                    return true;
                case SpecialType.None:
                    return type.TypeKind == TypeKind.Enum
                        || (type.TypeKind == TypeKind.Struct && type.ContainingNamespace?.Name == "System" && type.ContainingNamespace.ContainingNamespace?.IsGlobalNamespace == true
                            && (type.Name == "Guid" || type.Name == "DateTimeOffset" || type.Name == "TimeSpan" || type.Name == "DateOnly" || type.Name == "TimeOnly"));
                default:
                    return false;
            }
        }

        /// <summary>False for what cannot be personal data whatever a method does: nothing (<c>void</c>, <c>Task</c>) or a scalar.</summary>
        public static bool MayHoldPersonalData(ITypeSymbol type) =>
            type.SpecialType != SpecialType.System_Void && !Names.IsTaskType(Unwrap(type)) && !IsScalar(type);
    }
}
