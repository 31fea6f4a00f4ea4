using Microsoft.CodeAnalysis.Testing;
using V = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.PiiFlowAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>OPRIV001–003: which flows of personal data are reported, and which guarded or sanitized ones are not.</summary>
public sealed class PiiFlowAnalyzerTests
{
    private const string Model = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        public sealed class Customer
        {
            public int Id { get; set; }
            [Pii("contact.email")] public string {|#9:Email|} { get; set; } = "";
            [Pii("identity.name")] public string Name { get; set; } = "";
            [Pii("account.credentials")] public string Password { get; set; } = "";
        }

        public sealed class Order
        {
            public int Number { get; set; }
            public Customer Buyer { get; set; } = new();
        }

        public static class Redaction
        {
            [PiiSanitizer] public static string Mask(string value) => "***";
        }

        public sealed class Partner
        {
            [DataRecipient("processor")] public void Upload(object payload) { }
            public void Notify(int id, [DataRecipient("associate")] string details) { }
            [RequiresConsent] public void SendOffer(int customerId) { }
        }

        """;

    private static DiagnosticResult Logged(int location, string what, string sink = "LoggerExtensions.LogInformation") =>
        V.Diagnostic("OPRIV001").WithLocation(location).WithArguments(what, sink).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static DiagnosticResult Shared(int location, string what, string recipient, string sink) =>
        V.Diagnostic("OPRIV002").WithLocation(location).WithArguments(what, recipient, sink).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static DiagnosticResult Secret(int location, string verb, string sink) =>
        V.Error("OPRIV003").WithLocation(location).WithArguments("Customer.Password (account.credentials)", verb, sink).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static Task Check(string body, params DiagnosticResult[] expected) => V.AnalyzerAsync(Model + body, expected);

    [Fact]
    public Task A_Pii_property_written_to_a_logger_is_reported_at_the_call_with_the_member_as_additional_location() =>
        Check("""
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c) => {|#0:logger.LogInformation("Customer {Email}", c.Email)|};
            }
            """,
            V.Diagnostic("OPRIV001").WithLocation(0).WithLocation(9).WithArguments("Customer.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_non_personal_member_is_not_reported() =>
        Check("""
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c, Order o)
                {
                    logger.LogInformation("Customer {Id}", c.Id);
                    logger.LogInformation("Order {Number}", o.Number);
                    Console.WriteLine(c.Id.ToString());
                }
            }
            """);

    [Fact]
    public Task Taint_flows_through_locals_interpolation_concatenation_and_formatting() =>
        Check("""
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c)
                {
                    var email = c.Email;
                    var text = $"mail {email}";
                    var joined = "name: " + c.Name;
                    var formatted = string.Format("{0}", email);
                    var list = string.Join(",", new[] { joined });
                    {|#0:logger.LogInformation(text)|};
                    {|#1:logger.LogWarning(joined)|};
                    {|#2:logger.LogError(formatted)|};
                    {|#3:logger.LogDebug(list)|};
                    {|#4:logger.LogTrace(email.ToUpperInvariant())|};
                }
            }
            """,
            Logged(0, "Customer.Email (contact.email)"),
            Logged(1, "Customer.Name (identity.name)", "LoggerExtensions.LogWarning"),
            Logged(2, "Customer.Email (contact.email)", "LoggerExtensions.LogError"),
            Logged(3, "Customer.Name (identity.name)", "LoggerExtensions.LogDebug"),
            Logged(4, "Customer.Email (contact.email)", "LoggerExtensions.LogTrace"));

    [Fact]
    public Task Taint_flows_through_objects_tuples_arrays_conditionals_coalescing_and_await() =>
        Check("""
            public sealed class Service(ILogger<Service> logger)
            {
                public async Task Run(Customer c, bool flag, string? other)
                {
                    var anonymous = new { c.Email };
                    var tuple = (c.Name, 1);
                    var array = new object[] { c.Email };
                    var chosen = flag ? c.Email : "none";
                    var coalesced = other ?? c.Name;
                    var awaited = await Task.FromResult(c.Email);
                    {|#0:logger.LogInformation("{A}", anonymous)|};
                    {|#1:logger.LogInformation("{T}", tuple.Name)|};
                    {|#2:logger.LogInformation("{X}", array)|};
                    {|#3:logger.LogInformation(chosen)|};
                    {|#4:logger.LogInformation(coalesced)|};
                    {|#5:logger.LogInformation(awaited)|};
                }
            }
            """,
            Logged(0, "Customer.Email (contact.email)"),
            Logged(1, "Customer.Name (identity.name)"),
            Logged(2, "Customer.Email (contact.email)"),
            Logged(3, "Customer.Email (contact.email)"),
            Logged(4, "Customer.Name (identity.name)"),
            Logged(5, "Customer.Email (contact.email)"));

    [Fact]
    public Task A_whole_object_with_personal_members_leaks_them_when_logged_or_posted() =>
        Check("""
            public sealed class Service(ILogger<Service> logger, System.Net.Http.HttpClient http)
            {
                public async Task Run(Customer c, Order o)
                {
                    {|#0:logger.LogInformation("{@Customer}", c)|};
                    {|#1:logger.LogInformation("{@Order}", o)|};
                    await {|#2:System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "https://partner.example/", c)|};
                }
            }
            """,
            Logged(0, "Customer.Email (contact.email), Customer.Name (identity.name)"),
            Secret(0, "logged", "LoggerExtensions.LogInformation"),
            Logged(1, "Customer.Email (contact.email), Customer.Name (identity.name)"),
            Secret(1, "logged", "LoggerExtensions.LogInformation"),
            Shared(2, "Customer.Email (contact.email), Customer.Name (identity.name)", "an HTTP endpoint", "HttpClientJsonExtensions.PostAsJsonAsync"),
            Secret(2, "shared", "HttpClientJsonExtensions.PostAsJsonAsync"));

    [Fact]
    public Task Calls_on_an_object_with_personal_members_are_clean_except_ToString_where_it_prints_them() =>
        Check("""
            public sealed record Contact([property: Pii("contact.email")] string Email, [property: Pii("identity.name")] string Name, [property: Pii("account.credentials")] string Password);

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c, Contact contact)
                {
                    logger.LogInformation("{Hash}", c.GetHashCode());
                    logger.LogInformation("{Type}", c.GetType().Name);
                    logger.LogInformation(c.ToString());
                    {|#0:logger.LogInformation(contact.ToString())|};
                }
            }
            """,
            Logged(0, "Contact.Email (contact.email), Contact.Name (identity.name)"),
            V.Error("OPRIV003").WithLocation(0).WithArguments("Contact.Password (account.credentials)", "logged", "LoggerExtensions.LogInformation").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task A_sanitized_value_is_not_personal_data() =>
        Check("""
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c)
                {
                    var masked = Redaction.Mask(c.Email);
                    logger.LogInformation("Customer {Email}", masked);
                    logger.LogInformation("Customer {Name}", Redaction.Mask(c.Name));
                }
            }
            """);

    [Fact]
    public Task Console_Debug_and_Trace_writes_are_log_sinks() =>
        Check("""
            public sealed class Service
            {
                public void Run(Customer c)
                {
                    {|#0:Console.WriteLine(c.Email)|};
                    {|#1:System.Diagnostics.Debug.WriteLine(c.Name)|};
                    {|#2:System.Diagnostics.Trace.TraceInformation(c.Email)|};
                    var line = Console.ReadLine();
                }
            }
            """,
            Logged(0, "Customer.Email (contact.email)", "Console.WriteLine"),
            Logged(1, "Customer.Name (identity.name)", "Debug.WriteLine"),
            Logged(2, "Customer.Email (contact.email)", "Trace.TraceInformation"));

    [Fact]
    public Task Data_recipient_methods_and_parameters_and_requires_consent_calls_are_share_sinks() =>
        Check("""
            public sealed class Service(Partner partner)
            {
                public void Run(Customer c)
                {
                    {|#0:partner.Upload(c.Email)|};
                    {|#1:partner.Notify(c.Id, c.Name)|};
                    partner.Notify(c.Id, "nothing personal");
                    {|#2:partner.SendOffer(c.Id)|};
                }
            }
            """,
            Shared(0, "Customer.Email (contact.email)", "recipient 'processor'", "Partner.Upload"),
            Shared(1, "Customer.Name (identity.name)", "recipient 'associate'", "Partner.Notify"),
            Shared(2, "Data that requires consent", "a method that requires consent", "Partner.SendOffer"));

    [Fact]
    public Task Inside_a_requires_consent_method_sinks_count_as_guarded() =>
        Check("""
            public sealed class Service(ILogger<Service> logger, Partner partner)
            {
                [RequiresConsent]
                public void SendOffer(Customer c)
                {
                    logger.LogInformation("Offer to {Email}", c.Email);
                    partner.Upload(c.Email);
                }
            }
            """);

    [Fact]
    public Task A_bool_consent_check_guards_its_true_branch_only() =>
        Check("""
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
            {
                public void Run(Customer c, DataUseRequest r)
                {
                    if (guard.IsPermitted(r))
                    {
                        logger.LogInformation("{E}", c.Email);
                    }
                    else
                    {
                        {|#0:logger.LogInformation("{E}", c.Email)|};
                    }

                    {|#1:logger.LogInformation("{E}", c.Email)|};
                }
            }
            """,
            Logged(0, "Customer.Email (contact.email)"),
            Logged(1, "Customer.Email (contact.email)"));

    [Fact]
    public Task An_early_return_or_throw_on_denial_guards_what_follows() =>
        Check("""
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
            {
                public void Returns(Customer c, DataUseRequest r)
                {
                    if (!guard.IsPermitted(r)) return;
                    logger.LogInformation("{E}", c.Email);
                }

                public void Throws(Customer c, DataUseRequest r)
                {
                    if (!guard.IsPermitted(r))
                    {
                        throw new InvalidOperationException("denied");
                    }

                    logger.LogInformation("{E}", c.Email);
                }
            }
            """);

    [Fact]
    public Task And_chains_conditional_expressions_local_bools_and_decisions_guard() =>
        Check("""
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
            {
                public void Run(Customer c, DataUseRequest r, bool verbose)
                {
                    if (verbose && guard.IsPermitted(r))
                    {
                        logger.LogInformation("{E}", c.Email);
                    }

                    logger.LogInformation("{E}", guard.IsPermitted(r) ? c.Email : "(hidden)");

                    var allowed = guard.IsPermitted(r);
                    if (allowed)
                    {
                        logger.LogInformation("{E}", c.Name);
                    }

                    var decision = guard.Check(r);
                    if (decision.IsPermitted)
                    {
                        logger.LogInformation("{E}", c.Email);
                    }

                    if (guard.Check(r).IsPermitted)
                    {
                        logger.LogInformation("{E}", c.Email);
                    }
                }
            }
            """);

    [Fact]
    public Task A_false_arm_of_a_conditional_expression_is_not_guarded() =>
        Check("""
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
            {
                public void Run(Customer c, DataUseRequest r) =>
                    {|#0:logger.LogInformation("{E}", guard.IsPermitted(r) ? "(hidden)" : c.Email)|};
            }
            """,
            Logged(0, "Customer.Email (contact.email)"));

    [Fact]
    public Task A_void_demand_guards_every_sink_it_dominates_but_not_one_before_it() =>
        Check("""
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
            {
                public void Run(Customer c, DataUseRequest r)
                {
                    {|#0:logger.LogInformation("{E}", c.Email)|};
                    guard.Demand(r);
                    logger.LogInformation("{E}", c.Email);
                    logger.LogInformation("{N}", c.Name);
                }
            }
            """,
            Logged(0, "Customer.Email (contact.email)"));

    [Fact]
    public Task A_check_in_one_branch_does_not_guard_a_sink_after_the_branches_join() =>
        Check("""
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
            {
                public void Run(Customer c, DataUseRequest r, bool strict)
                {
                    if (strict)
                    {
                        guard.Demand(r);
                    }

                    {|#0:logger.LogInformation("{E}", c.Email)|};
                }

                public void Assigned(Customer c, DataUseRequest r)
                {
                    var email = "";
                    if (guard.IsPermitted(r))
                    {
                        email = c.Email;
                    }

                    {|#1:logger.LogInformation("{E}", email)|};
                }
            }
            """,
            Logged(0, "Customer.Email (contact.email)"),
            Logged(1, "Customer.Email (contact.email)"));

    [Fact]
    public Task A_user_wrapper_marked_consent_check_guards() =>
        Check("""
            public sealed class Consent
            {
                [ConsentCheck] public bool MayEmail(Customer c) => true;
                [ConsentCheck] public void Require(Customer c) { }
            }

            public sealed class Service(ILogger<Service> logger, Consent consent)
            {
                public void Run(Customer c)
                {
                    if (consent.MayEmail(c)) logger.LogInformation("{E}", c.Email);
                    consent.Require(c);
                    logger.LogInformation("{E}", c.Name);
                }
            }
            """);

    [Fact]
    public Task An_implementation_of_IPrivacyGuard_is_a_consent_check_without_its_own_attribute() =>
        Check("""
            public sealed class MyGuard : IPrivacyGuard
            {
                public PolicyDecision Check(DataUseRequest request) => default;
                public bool IsPermitted(DataUseRequest request) => false;
                public void Demand(DataUseRequest request) { }
            }

            public sealed class Service(ILogger<Service> logger, MyGuard guard)
            {
                public void Run(Customer c, DataUseRequest r)
                {
                    if (guard.IsPermitted(r)) logger.LogInformation("{E}", c.Email);
                }
            }
            """);

    [Fact]
    public Task A_method_returning_personal_data_taints_its_callers_results() =>
        Check("""
            public sealed class Repository
            {
                private readonly Customer _customer = new();
                public string ContactOf(int id) => _customer.Email;
                public string Describe(int id) => "customer " + ContactOf(id);
            }

            public sealed class Service(ILogger<Service> logger, Repository repository)
            {
                public void Run()
                {
                    {|#0:logger.LogInformation(repository.Describe(7))|};
                }
            }
            """,
            Logged(0, "Customer.Email (contact.email)"));

    [Fact]
    public Task A_lambda_that_captures_personal_data_reports_its_sink() =>
        Check("""
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
            {
                public Task Run(Customer c, DataUseRequest r)
                {
                    var email = c.Email;
                    if (guard.IsPermitted(r))
                    {
                        Task.Run(() => logger.LogInformation("{E}", email));
                    }

                    return Task.Run(() => {|#0:logger.LogInformation("{E}", email)|});
                }
            }
            """,
            Logged(0, "Customer.Email (contact.email)"));

    [Fact]
    public Task Pii_parameters_and_return_values_are_sources() =>
        Check("""
            public sealed class Service(ILogger<Service> logger)
            {
                [return: Pii("contact.address")]
                public string Address() => "1 Main St";

                public void Run([Pii("contact.email")] string email)
                {
                    {|#0:logger.LogInformation(email)|};
                    {|#1:logger.LogInformation(Address())|};
                }
            }
            """,
            Logged(0, "parameter 'email' (contact.email)"),
            Logged(1, "Service.Address() (contact.address)"));

    [Fact]
    public Task Secret_data_is_an_error_even_when_guarded() =>
        Check("""
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard, Partner partner)
            {
                public void Run(Customer c, DataUseRequest r)
                {
                    guard.Demand(r);
                    {|#0:logger.LogInformation("{P}", c.Password)|};
                    {|#1:partner.Upload(c.Password)|};
                }
            }
            """,
            V.Error("OPRIV003").WithLocation(0).WithArguments("Customer.Password (account.credentials)", "logged", "LoggerExtensions.LogInformation").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            V.Error("OPRIV003").WithLocation(1).WithArguments("Customer.Password (account.credentials)", "shared", "Partner.Upload").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task A_compilation_without_privacy_attributes_reports_nothing() =>
        V.AnalyzerAsync("""
            public sealed class Plain
            {
                public string Email { get; set; } = "";
                public void Run() => System.Console.WriteLine(Email);
            }
            """);
}
