using FlowVerify = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.PiiFlowAnalyzer>;
using Discarded = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.ConsentCheckResultDiscardedAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>The guard's decisions by subject id are awaited: an awaited check guards like a synchronous one.</summary>
public sealed class ChecksBySubjectTests
{
    private const string Model = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        public sealed class Customer
        {
            public string Id { get; set; } = "";
            [Pii("contact.email")] public string Email { get; set; } = "";
        }

        """;

    [Fact]
    public Task If_await_IsPermittedAsync_guards_its_branch_only() =>
        FlowVerify.AnalyzerAsync(Model + """
            public sealed class Mailer(ILogger<Mailer> logger, IPrivacyGuard guard)
            {
                public async Task Run(Customer c)
                {
                    if (await guard.IsPermittedAsync(c.Id, ["contact.email"], "marketing.offers", "internal"))
                    {
                        logger.LogInformation("{Email}", c.Email);
                    }

                    if (!await guard.IsPermittedAsync(c.Id, ["contact.email"], "marketing.offers", "internal").ConfigureAwait(false))
                    {
                        return;
                    }

                    logger.LogInformation("{Email}", c.Email);
                }

                public async Task Unguarded(Customer c)
                {
                    await guard.CheckAsync(c.Id, ["contact.email"], "marketing.offers", "internal");
                    {|#0:logger.LogInformation("{Email}", c.Email)|};
                }
            }
            """,
            FlowVerify.Diagnostic("OPRIV001").WithLocation(0).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("Customer.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task An_awaited_decision_tested_at_once_or_later_guards() =>
        FlowVerify.AnalyzerAsync(Model + """
            public sealed class Mailer(ILogger<Mailer> logger, IPrivacyGuard guard)
            {
                public async Task AtOnce(Customer c)
                {
                    if ((await guard.CheckAsync(c.Id, ["contact.email"], "marketing.offers", "internal")).IsPermitted)
                    {
                        logger.LogInformation("{Email}", c.Email);
                    }
                }

                public async Task Later(Customer c)
                {
                    var decision = await guard.CheckAsync(c.Id, ["contact.email"], "marketing.offers", "internal");
                    var permitted = await guard.IsPermittedAsync(c.Id, ["contact.email"], "marketing.offers", "internal");
                    if (decision.IsPermitted)
                    {
                        logger.LogInformation("{Email}", c.Email);
                    }

                    if (permitted)
                    {
                        logger.LogInformation("{Email}", c.Email);
                    }

                    if (!permitted)
                    {
                        {|#0:logger.LogInformation("{Email}", c.Email)|};
                    }
                }
            }
            """,
            FlowVerify.Diagnostic("OPRIV001").WithLocation(0).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("Customer.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_discarded_awaited_check_is_OPRIV004() =>
        Discarded.AnalyzerAsync(Model + """
            public sealed class Mailer(IPrivacyGuard guard)
            {
                public async Task Run(Customer c)
                {
                    await {|#0:guard.IsPermittedAsync(c.Id, ["contact.email"], "marketing.offers", "internal")|};
                    await {|#1:guard.CheckAsync(c.Id, ["contact.email"], "marketing.offers", "internal")|}.ConfigureAwait(false);
                    _ = {|#2:guard.IsPermittedAsync(c.Id, ["contact.email"], "marketing.offers", "internal")|};
                    var used = await guard.IsPermittedAsync(c.Id, ["contact.email"], "marketing.offers", "internal");
                    _ = used;
                }
            }
            """,
            Discarded.Diagnostic("OPRIV004").WithLocation(0).WithArguments("IPrivacyGuard.IsPermittedAsync"),
            Discarded.Diagnostic("OPRIV004").WithLocation(1).WithArguments("IPrivacyGuard.CheckAsync"),
            Discarded.Diagnostic("OPRIV004").WithLocation(2).WithArguments("IPrivacyGuard.IsPermittedAsync"));
}
