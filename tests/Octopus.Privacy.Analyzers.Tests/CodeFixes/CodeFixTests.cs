using Microsoft.CodeAnalysis.Testing;
using Octopus.Privacy.CodeFixes;
using FlowVerify = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.PiiFlowAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests.CodeFixes;

public sealed class CodeFixTests
{
    private const string Model = """
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        public sealed class Customer
        {
            [Pii("contact.email")] public string Email { get; set; } = "";
            [Pii("identity.name")] public string Name { get; set; } = "";
        }

        public sealed class Partner
        {
            [DataRecipient("processor")] public void Upload(string payload) { }
        }

        """;

    private static DiagnosticResult Logged(int location, string what) =>
        FlowVerify.Diagnostic("OPRIV001").WithLocation(location).WithArguments(what, "LoggerExtensions.LogInformation").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    [Fact]
    public Task Wrap_in_a_consent_check_uses_the_guard_in_scope_with_the_categories_that_reach_the_sink() =>
        VerifyFix<PiiFlowAnalyzer, WrapInConsentCheckCodeFixProvider>.CodeFixAsync(
            Model + """
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
            {
                public void Run(Customer c)
                {
                    {|#0:logger.LogInformation("{E} {N}", c.Email, c.Name)|};
                    {|#1:logger.LogInformation("{E}", c.Email)|};
                }
            }
            """,
            Model + """
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
            {
                public void Run(Customer c)
                {
                    if (guard.IsPermitted(new DataUseRequest(new[] { "contact.email", "identity.name" }, "TODO: purpose", "internal")))
                    {
                        logger.LogInformation("{E} {N}", c.Email, c.Name);
                    }
                    if (guard.IsPermitted(new DataUseRequest(new[] { "contact.email" }, "TODO: purpose", "internal")))
                    {
                        logger.LogInformation("{E}", c.Email);
                    }
                }
            }
            """,
            codeActionIndex: 0,
            Logged(0, "Customer.Email (contact.email), Customer.Name (identity.name)"),
            Logged(1, "Customer.Email (contact.email)"));

    [Fact]
    public Task Wrap_in_a_consent_check_names_the_recipient_of_a_data_recipient_sink() =>
        VerifyFix<PiiFlowAnalyzer, WrapInConsentCheckCodeFixProvider>.CodeFixAsync(
            Model + """
            public sealed class Service(Partner partner)
            {
                public void Run(Customer c, IPrivacyGuard guard)
                {
                    {|#0:partner.Upload(c.Email)|};
                }
            }
            """,
            Model + """
            public sealed class Service(Partner partner)
            {
                public void Run(Customer c, IPrivacyGuard guard)
                {
                    if (guard.IsPermitted(new DataUseRequest(new[] { "contact.email" }, "TODO: purpose", "processor")))
                    {
                        partner.Upload(c.Email);
                    }
                }
            }
            """,
            codeActionIndex: 0,
            FlowVerify.Diagnostic("OPRIV002").WithLocation(0).WithArguments("Customer.Email (contact.email)", "recipient 'processor'", "Partner.Upload").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task Redact_the_value_wraps_each_personal_read_in_the_library_helper() =>
        VerifyFix<PiiFlowAnalyzer, RedactValueCodeFixProvider>.CodeFixAsync(
            Model + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c)
                {
                    {|#0:logger.LogInformation("{E} {N}", c.Email, c.Name)|};
                    {|#1:logger.LogInformation($"mail {c.Email}")|};
                }
            }
            """,
            Model + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c)
                {
                    logger.LogInformation("{E} {N}", Redaction.Redact(c.Email), Redaction.Redact(c.Name));
                    logger.LogInformation($"mail {Redaction.Redact(c.Email)}");
                }
            }
            """,
            codeActionIndex: 0,
            Logged(0, "Customer.Email (contact.email), Customer.Name (identity.name)"),
            Logged(1, "Customer.Email (contact.email)"));

    [Fact]
    public Task Redact_the_value_is_offered_for_a_record_primary_constructor_parameter_marked_pii() =>
        VerifyFix<PiiFlowAnalyzer, RedactValueCodeFixProvider>.CodeFixAsync(
            """
            using Microsoft.Extensions.Logging;
            using Octopus.Privacy;

            public sealed record Person([Pii("contact.email")] string Email, int Age);

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Person p) => {|#0:logger.LogInformation("{E} {A}", p.Email, p.Age)|};
            }
            """,
            """
            using Microsoft.Extensions.Logging;
            using Octopus.Privacy;

            public sealed record Person([Pii("contact.email")] string Email, int Age);

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Person p) => logger.LogInformation("{E} {A}", Redaction.Redact(p.Email), p.Age);
            }
            """,
            codeActionIndex: 0,
            Logged(0, "Person.Email (contact.email)"));

    [Fact]
    public Task Use_the_result_guards_the_statements_after_a_discarded_check() =>
        VerifyFix<ConsentCheckResultDiscardedAnalyzer, UseConsentCheckResultCodeFixProvider>.CodeFixAsync(
            """
            using Octopus.Privacy;

            public sealed class Service(IPrivacyGuard guard)
            {
                public void Run(DataUseRequest r)
                {
                    var before = 1;
                    {|#0:guard.IsPermitted(r)|};
                    before++;
                    System.Console.WriteLine(before);
                }

                public int NoFixWhereAValueMustBeReturned(DataUseRequest r)
                {
                    {|#2:guard.IsPermitted(r)|};
                    return 1;
                }

                public void Decide(DataUseRequest r)
                {
                    {|#1:guard.Check(r)|};
                    System.Console.WriteLine("checked");
                }
            }
            """,
            """
            using Octopus.Privacy;

            public sealed class Service(IPrivacyGuard guard)
            {
                public void Run(DataUseRequest r)
                {
                    var before = 1;
                    if (guard.IsPermitted(r))
                    {
                        before++;
                        System.Console.WriteLine(before);
                    }
                }

                public int NoFixWhereAValueMustBeReturned(DataUseRequest r)
                {
                    {|#2:guard.IsPermitted(r)|};
                    return 1;
                }

                public void Decide(DataUseRequest r)
                {
                    if ((guard.Check(r)).IsPermitted)
                    {
                        System.Console.WriteLine("checked");
                    }
                }
            }
            """,
            codeActionIndex: 0,
            [
                Verify<ConsentCheckResultDiscardedAnalyzer>.Diagnostic("OPRIV004").WithLocation(0).WithArguments("IPrivacyGuard.IsPermitted"),
                Verify<ConsentCheckResultDiscardedAnalyzer>.Diagnostic("OPRIV004").WithLocation(1).WithArguments("IPrivacyGuard.Check"),
                Verify<ConsentCheckResultDiscardedAnalyzer>.Diagnostic("OPRIV004").WithLocation(2).WithArguments("IPrivacyGuard.IsPermitted"),
            ],
            remaining: [Verify<ConsentCheckResultDiscardedAnalyzer>.Diagnostic("OPRIV004").WithLocation(2).WithArguments("IPrivacyGuard.IsPermitted")]);
}
