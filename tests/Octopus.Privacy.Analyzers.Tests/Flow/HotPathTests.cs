using System.Reflection;
using Octopus.Privacy.Analyzers;
using Octopus.Privacy.Analyzers.Dataflow;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>
/// A command-line build without the compiler server runs the analyzer in a fresh compiler for a few seconds: too short
/// for tiered compilation to optimize it. Its hot paths are marked to be compiled optimized from their first call
/// (docs/benchmarks.md, "The analyzer's cost to a build"); losing the mark would not fail any other test.
/// </summary>
public sealed class HotPathTests
{
    public static TheoryData<Type, string> HotMethods => new()
    {
        { typeof(TaintAnalysis), "Run" },
        { typeof(TaintAnalysis), "Transfer" },
        { typeof(TaintAnalysis), "Evaluate" },
        { typeof(TaintAnalysis), "Invocation" },
        { typeof(TaintAnalysis), "Member" },
        { typeof(TaintAnalysis), "Assign" },
        { typeof(TaintAnalysis), "SetWhole" },
        { typeof(TaintAnalysis), "CheckPolarity" },
        { typeof(FlowState), "Join" },
        { typeof(FlowState), "SameAs" },
        { typeof(PiiSources), "OfMember" },
        { typeof(PiiSources), "OfType" },
        { typeof(PrivacyContext), "MayInvolvePersonalData" },
        { typeof(PrivacyContext), "ClassifySink" },
        { typeof(PiiFlowAnalyzer), "AnalyzeBlock" },
    };

    [Theory]
    [MemberData(nameof(HotMethods))]
    public void The_analysis_hot_paths_are_compiled_optimized_from_their_first_call(Type type, string name)
    {
        var methods = type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m.Name == name)
            .ToList();

        Assert.NotEmpty(methods);
        Assert.All(methods, m => Assert.True(
            m.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization),
            $"{type.Name}.{name} is not marked [MethodImpl(Jit.Optimized)]"));
    }
}
