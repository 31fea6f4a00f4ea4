using V = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.UndeclaredPolicyNameAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests;

public sealed class UndeclaredPolicyNameAnalyzerTests
{
    [Fact]
    public Task Names_the_embedded_default_policy_does_not_declare_are_reported() =>
        V.AnalyzerAsync("""
            using Octopus.Privacy;

            public sealed record Customer(
                [property: Pii("contact.email")] string Email,
                [property: {|#0:Pii("ssn")|}] string SocialSecurityNumber);

            public sealed class Partner
            {
                [DataRecipient("processor")] public void Upload(object payload) { }
                [{|#1:DataRecipient("data-broker")|}] public void Sell(object payload) { }
                public void Send([{|#2:DataRecipient("advertiser")|}] string data, [{|#5:Pii("contact")|}] string parent) { }
                [return: {|#3:Pii("phone")|}] public string Phone() => "";
                [{|#4:Pii("contact.emial")|}] public string Typo = "";
            }
            """,
            V.Diagnostic("OPRIV005").WithLocation(0).WithArguments("ssn", "data category", "Octopus Group Privacy Policy"),
            V.Diagnostic("OPRIV005").WithLocation(1).WithArguments("data-broker", "recipient", "Octopus Group Privacy Policy"),
            V.Diagnostic("OPRIV005").WithLocation(2).WithArguments("advertiser", "recipient", "Octopus Group Privacy Policy"),
            V.Diagnostic("OPRIV005").WithLocation(3).WithArguments("phone", "data category", "Octopus Group Privacy Policy"),
            V.Diagnostic("OPRIV005").WithLocation(4).WithArguments("contact.emial", "data category", "Octopus Group Privacy Policy"),
            V.Diagnostic("OPRIV005").WithLocation(5).WithArguments("contact", "data category", "Octopus Group Privacy Policy"));

    [Fact]
    public Task The_policy_file_is_chosen_by_the_editorconfig_key() =>
        V.AnalyzerAsync(
            """
            using Octopus.Privacy;

            public sealed class Patient
            {
                [Pii("health.record")] public string Record { get; set; } = "";
                [{|#0:Pii("contact.email")|}] public string Email { get; set; } = "";
            }
            """,
            [
                ("/policies/clinic.json", """{ "name": "Clinic", "version": "1", "categories": { "health.record": {} }, "purposes": {}, "recipients": {} }"""),
                ("/policies/other.json", """{ "name": "Other", "version": "1", "categories": { "contact.email": {} }, "purposes": {}, "recipients": {} }"""),
            ],
            "octopus_privacy.policy_file = policies/clinic.json",
            V.Diagnostic("OPRIV005").WithLocation(0).WithArguments("contact.email", "data category", "Clinic"));
}
