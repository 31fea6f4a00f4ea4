using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Octopus.Privacy.Compliance;

namespace Octopus.Privacy.Benchmarks;

/// <summary>An e-mail address, classified with the policy's category.</summary>
public sealed class BenchmarkEmailAttribute() : PrivacyCategoryAttribute("contact.email");

/// <summary>The log line measured.</summary>
public static partial class RedactionLog
{
    [LoggerMessage(1, LogLevel.Information, "Offer mailed to {Email}")]
    public static partial void OfferMailed(ILogger logger, [BenchmarkEmail] string email);
}

/// <summary>
/// What the consent-aware redaction costs: the redactor decision for a warm set (against the plain provider's), and a
/// redacted <c>[LoggerMessage]</c> call through <c>EnableRedaction</c> with and without the decorator, for a subject whose
/// consent permits the use.
/// </summary>
[MemoryDiagnoser]
public class RedactionBenchmarks
{
    private const string Address = "ada@example.com";
    private readonly DataClassificationSet _set = new(PrivacyTaxonomy.Category("contact.email"));
    private ServiceProvider _decorated = null!;
    private ServiceProvider _plain = null!;
    private IRedactorProvider _decoratedProvider = null!;
    private IRedactorProvider _plainProvider = null!;
    private ILogger _decoratedLogger = null!;
    private ILogger _plainLogger = null!;

    [GlobalSetup]
    public void Setup()
    {
        _decorated = Services(decorate: true);
        _plain = Services(decorate: false);
        _decoratedProvider = _decorated.GetRequiredService<IRedactorProvider>();
        _plainProvider = _plain.GetRequiredService<IRedactorProvider>();
        _decoratedLogger = _decorated.GetRequiredService<ILoggerFactory>().CreateLogger("bench");
        _plainLogger = _plain.GetRequiredService<ILoggerFactory>().CreateLogger("bench");
        _decorated.GetRequiredService<IConsentLedger>().AppendAsync("ada", [ConsentChange.AcceptPolicy("1.0")]).AsTask().GetAwaiter().GetResult();

        // Ambient for the rest of this thread's flow, where the benchmark runs; checked, so that the measurement is
        // of the permitted path, not of the no-subject one.
        _decorated.GetRequiredService<IPrivacySubjectAccessor>().BeginAsync("ada").AsTask().GetAwaiter().GetResult();
        if (_decoratedProvider.GetRedactor(_set).Redact(Address) != Address)
        {
            throw new InvalidOperationException("The decorated provider did not permit the subject's use: the benchmark would measure another path.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _decorated.Dispose();
        _plain.Dispose();
    }

    [Benchmark(Baseline = true, Description = "GetRedactor, plain provider")]
    public Redactor PlainRedactor() => _plainProvider.GetRedactor(_set);

    [Benchmark(Description = "GetRedactor, consent-aware (permitted, warm)")]
    public Redactor ConsentAwareRedactor() => _decoratedProvider.GetRedactor(_set);

    [Benchmark(Description = "[LoggerMessage] with redaction, plain provider")]
    public void PlainLog() => RedactionLog.OfferMailed(_plainLogger, Address);

    [Benchmark(Description = "[LoggerMessage] with redaction, consent-aware")]
    public void ConsentAwareLog() => RedactionLog.OfferMailed(_decoratedLogger, Address);

    private static ServiceProvider Services(bool decorate)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.EnableRedaction(o => o.ApplyDiscriminator = false).AddProvider(new DroppingLoggerProvider()));
        services.AddRedaction();
        if (decorate)
        {
            services.AddConsentAwareRedaction(o => o.Purpose = "marketing.offers");
            services.AddInMemoryConsentLedger();
        }

        return services.BuildServiceProvider();
    }

    /// <summary>A logger that is enabled and writes nowhere: the pipeline runs, the output costs nothing.</summary>
    private sealed class DroppingLoggerProvider : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        public void Dispose()
        {
        }
    }
}
