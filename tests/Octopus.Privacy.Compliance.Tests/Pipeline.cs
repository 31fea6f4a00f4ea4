using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Octopus.Privacy.Compliance.Tests;

/// <summary>An e-mail address, classified with the policy's category.</summary>
public sealed class EmailAttribute() : PrivacyCategoryAttribute("contact.email");

/// <summary>A password: the policy's secret category.</summary>
public sealed class PasswordAttribute() : PrivacyCategoryAttribute("account.credentials");

/// <summary>A category the policy does not declare.</summary>
public sealed class ShoeSizeAttribute() : PrivacyCategoryAttribute("body.shoe-size");

/// <summary>Another taxonomy's classification, with a redactor of its own.</summary>
public sealed class InternalIdAttribute() : DataClassificationAttribute(new DataClassification("Other", "id"));

/// <summary>Writes the star of another taxonomy: shows that its redactor, not this package's, ran.</summary>
public sealed class StarRedactor : Redactor
{
    public override int GetRedactedLength(ReadOnlySpan<char> input) => 1;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        destination[0] = '*';
        return 1;
    }
}

/// <summary>The log lines the tests write, through the source generator and the redaction pipeline.</summary>
public static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Offer mailed to {Email}")]
    public static partial void OfferMailed(ILogger logger, [Email] string email);

    [LoggerMessage(2, LogLevel.Information, "Password {Password}")]
    public static partial void Password(ILogger logger, [Password] string password);

    [LoggerMessage(3, LogLevel.Information, "Shoe size {Size}")]
    public static partial void ShoeSize(ILogger logger, [ShoeSize] string size);

    [LoggerMessage(4, LogLevel.Information, "Id {Id}")]
    public static partial void InternalId(ILogger logger, [InternalId] string id);
}

/// <summary>A service provider with the whole pipeline: the engine, an in-memory ledger, redaction and a fake logger.</summary>
public sealed class Pipeline : IAsyncDisposable
{
    private Pipeline(ServiceProvider services)
    {
        Services = services;
    }

    public ServiceProvider Services { get; }

    public ILogger Logger => Services.GetRequiredService<ILoggerFactory>().CreateLogger("test");

    public IPrivacySubjectAccessor Subjects => Services.GetRequiredService<IPrivacySubjectAccessor>();

    public IConsentLedger Ledger => Services.GetRequiredService<IConsentLedger>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public static Pipeline Create(bool redactionFirst = false, string purpose = "marketing.offers")
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.EnableRedaction(o => o.ApplyDiscriminator = false).AddFakeLogging());
        if (redactionFirst)
        {
            services.AddRedaction(r => r.SetRedactor<StarRedactor>(new DataClassificationSet(new DataClassification("Other", "id"))));
        }

        services.AddConsentAwareRedaction(o => o.Purpose = purpose);
        if (!redactionFirst)
        {
            services.AddRedaction(r => r.SetRedactor<StarRedactor>(new DataClassificationSet(new DataClassification("Other", "id"))));
        }

        services.AddInMemoryConsentLedger();
        return new Pipeline(services.BuildServiceProvider());
    }

    /// <summary>What the last line wrote for a tag.</summary>
    public string? Last(string tag) => Logs.LatestRecord.StructuredState!.Single(p => p.Key == tag).Value;

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
