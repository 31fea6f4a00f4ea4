using V = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.ConsentCheckResultDiscardedAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests;

public sealed class ConsentCheckResultDiscardedAnalyzerTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Octopus.Privacy;

        """;

    [Fact]
    public Task A_discarded_bool_or_decision_is_reported() =>
        V.AnalyzerAsync(Usings + """
            public sealed class Service(IPrivacyGuard guard)
            {
                public void Run(DataUseRequest r)
                {
                    {|#0:guard.IsPermitted(r)|};
                    {|#1:guard.Check(r)|};
                    _ = {|#2:guard.IsPermitted(r)|};
                }
            }
            """,
            V.Diagnostic("OPRIV004").WithLocation(0).WithArguments("IPrivacyGuard.IsPermitted"),
            V.Diagnostic("OPRIV004").WithLocation(1).WithArguments("IPrivacyGuard.Check"),
            V.Diagnostic("OPRIV004").WithLocation(2).WithArguments("IPrivacyGuard.IsPermitted"));

    [Fact]
    public Task A_used_result_a_void_demand_and_an_awaited_async_demand_are_not_reported() =>
        V.AnalyzerAsync(Usings + """
            public sealed class Consent
            {
                [ConsentCheck] public Task RequireAsync() => Task.CompletedTask;
                [ConsentCheck] public Task<bool> AllowsAsync() => Task.FromResult(true);
            }

            public sealed class Service(IPrivacyGuard guard, Consent consent)
            {
                public async Task<bool> Run(DataUseRequest r)
                {
                    guard.Demand(r);
                    await consent.RequireAsync();
                    var allowed = guard.IsPermitted(r);
                    await {|#0:consent.AllowsAsync()|};
                    return allowed && guard.Check(r).IsPermitted;
                }
            }
            """,
            V.Diagnostic("OPRIV004").WithLocation(0).WithArguments("Consent.AllowsAsync"));
}
