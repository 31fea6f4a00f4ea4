using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Flow
{
    /// <summary>One personal member a value may carry: <c>Customer.Email (contact.email)</c>.</summary>
    internal sealed class TaintSource : IEquatable<TaintSource>
    {
        public TaintSource(string member, string category, bool isPolicyCategory, Location? location)
        {
            Member = member;
            Category = category;
            IsPolicyCategory = isPolicyCategory;
            Location = location;
        }

        /// <summary>The member as a person reads it, such as <c>Customer.Email</c>.</summary>
        public string Member { get; }

        /// <summary>The category: a policy category from [Pii], or a description for other classifications.</summary>
        public string Category { get; }

        /// <summary>True when <see cref="Category"/> comes from [Pii] and can be looked up in the policy.</summary>
        public bool IsPolicyCategory { get; }

        /// <summary>The member's declaration in source, or null when it comes from metadata.</summary>
        public Location? Location { get; }

        public bool Equals(TaintSource? other) =>
            other != null && Member == other.Member && Category == other.Category;

        public override bool Equals(object? obj) => Equals(obj as TaintSource);

        public override int GetHashCode() => (Member.GetHashCode() * 31) + Category.GetHashCode();

        public override string ToString() => Member + " (" + Category + ")";
    }

    /// <summary>What a value may carry: a set of sources, empty when the value is clean.</summary>
    internal static class Taint
    {
        public static readonly ImmutableHashSet<TaintSource> Clean = ImmutableHashSet<TaintSource>.Empty;

        public static ImmutableHashSet<TaintSource> Union(ImmutableHashSet<TaintSource> a, ImmutableHashSet<TaintSource> b) =>
            a.IsEmpty ? b : b.IsEmpty ? a : a.Union(b);
    }
}
