using Microsoft.CodeAnalysis.Testing;
using V = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.PiiFlowAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>
/// Octopus.Privacy.Compliance's <c>PrivacyCategoryAttribute</c> subclasses: a source of the category the subclass names,
/// and, on a <c>[LoggerMessage]</c> parameter, redacted by the consent-aware pipeline only where the project runs
/// redaction.
/// </summary>
public sealed class PrivacyCategoryTests
{
    private const string Prelude = """
        using System;
        using Microsoft.Extensions.Logging;

        namespace Microsoft.Extensions.Compliance.Classification
        {
            public class DataClassificationAttribute : Attribute { }
        }

        namespace Octopus.Privacy.Compliance
        {
            public abstract class PrivacyCategoryAttribute : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute
            {
                protected PrivacyCategoryAttribute(string category) => Category = category;
                public string Category { get; }
            }
        }

        public sealed class EmailAttribute() : Octopus.Privacy.Compliance.PrivacyCategoryAttribute("contact.email");

        public sealed class NameAttribute : Octopus.Privacy.Compliance.PrivacyCategoryAttribute
        {
            public NameAttribute() : base("identity.name") { }
        }

        public sealed class Customer
        {
            [Email] public string Email { get; set; } = "";
            [Name] public string Name { get; set; } = "";
            public string Tier { get; set; } = "";
        }

        public static partial class Log
        {
            [LoggerMessage(1, LogLevel.Information, "Offer to {Email}")]
            public static partial void Offer(ILogger logger, [Email] string email);

            public static partial void Offer(ILogger logger, string email) { }
        }

        """;

    private static DiagnosticResult Logged(int location, string what, string sink) =>
        V.Diagnostic("OPRIV001").WithLocation(location).WithArguments(what, sink).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    [Fact]
    public Task A_subclass_is_a_source_of_the_category_it_names() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c)
                {
                    {|#0:logger.LogInformation("{E}", c.Email)|};
                    {|#1:logger.LogInformation("{N}", c.Name)|};
                    logger.LogInformation("{T}", c.Tier);
                }
            }
            """,
            Logged(0, "Customer.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "Customer.Name (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_classified_LoggerMessage_parameter_is_reported_where_the_project_runs_no_redaction() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c) => {|#0:Log.Offer(logger, c.Email)|};
            }
            """,
            Logged(0, "Customer.Email (contact.email)", "Log.Offer"));

    [Fact]
    public Task A_classified_LoggerMessage_parameter_is_redacted_where_the_project_enables_redaction() =>
        V.AnalyzerAsync(Prelude + """
            public static class Setup
            {
                public static void AddConsentAwareRedaction(this object services) { }
                public static void Configure(object services) => services.AddConsentAwareRedaction();
            }

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c) => Log.Offer(logger, c.Email);
            }
            """);

    [Fact]
    public Task A_library_whose_host_redacts_says_so_with_an_option() =>
        V.AnalyzerAsync(
            Prelude + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c) => Log.Offer(logger, c.Email);
            }
            """,
            [],
            "octopus_privacy.redaction_enabled = true");
}
