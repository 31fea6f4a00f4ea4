using System.Diagnostics.Metrics;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Octopus.Privacy.Compliance.Tests;

/// <summary>Consent-aware redaction through the real logging pipeline: [LoggerMessage], EnableRedaction, a fake logger.</summary>
public sealed class ConsentAwareRedactionTests
{
    private const string Address = "ada@example.com";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_subject_whose_consent_permits_is_logged_in_clear_in_either_registration_order(bool redactionFirst)
    {
        await using var pipeline = Pipeline.Create(redactionFirst);
        await pipeline.Ledger.AppendAsync("accepted", [ConsentChange.AcceptPolicy("1.0")]);

        using (await pipeline.Subjects.BeginAsync("accepted"))
        {
            Log.OfferMailed(pipeline.Logger, Address);
        }

        Assert.Equal(Address, pipeline.Last("Email"));
    }

    [Fact]
    public async Task Who_never_accepted_who_withdrew_and_no_subject_at_all_are_redacted()
    {
        await using var pipeline = Pipeline.Create();
        await pipeline.Ledger.AppendAsync("withdrew", [ConsentChange.AcceptPolicy("1.0"), ConsentChange.Withdraw("marketing.offers")]);

        using (await pipeline.Subjects.BeginAsync("never-accepted"))
        {
            Log.OfferMailed(pipeline.Logger, Address);
            Assert.Equal(string.Empty, pipeline.Last("Email"));
        }

        using (await pipeline.Subjects.BeginAsync("withdrew"))
        {
            Log.OfferMailed(pipeline.Logger, Address);
            Assert.Equal(string.Empty, pipeline.Last("Email"));
        }

        Log.OfferMailed(pipeline.Logger, Address);
        Assert.Equal(string.Empty, pipeline.Last("Email"));
        Assert.DoesNotContain(pipeline.Logs.GetSnapshot(), r => r.Message.Contains(Address, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_category_and_a_secret_one_are_redacted_whatever_the_consent()
    {
        await using var pipeline = Pipeline.Create(purpose: "service.provision");
        await pipeline.Ledger.AppendAsync("accepted", [ConsentChange.AcceptPolicy("1.0")]);

        using (await pipeline.Subjects.BeginAsync("accepted"))
        {
            Log.OfferMailed(pipeline.Logger, Address);
            Assert.Equal(Address, pipeline.Last("Email"));
            Log.Password(pipeline.Logger, "hunter2");
            Assert.Equal(string.Empty, pipeline.Last("Password"));
            Log.ShoeSize(pipeline.Logger, "44");
            Assert.Equal(string.Empty, pipeline.Last("Size"));
        }
    }

    [Fact]
    public async Task Another_taxonomy_goes_to_its_own_redactor()
    {
        await using var pipeline = Pipeline.Create();
        await pipeline.Ledger.AppendAsync("accepted", [ConsentChange.AcceptPolicy("1.0")]);

        using (await pipeline.Subjects.BeginAsync("accepted"))
        {
            Log.InternalId(pipeline.Logger, "12345");
        }

        Assert.Equal("*", pipeline.Last("Id"));
    }

    [Fact]
    public async Task Scopes_nest_and_disposing_one_restores_the_outer_subject()
    {
        await using var pipeline = Pipeline.Create();
        await pipeline.Ledger.AppendAsync("accepted", [ConsentChange.AcceptPolicy("1.0")]);

        using (await pipeline.Subjects.BeginAsync("accepted"))
        {
            using (await pipeline.Subjects.BeginAsync("never-accepted"))
            {
                Assert.Equal("never-accepted", pipeline.Subjects.SubjectId);
                Log.OfferMailed(pipeline.Logger, Address);
                Assert.Equal(string.Empty, pipeline.Last("Email"));
            }

            Assert.Equal("accepted", pipeline.Subjects.SubjectId);
            Log.OfferMailed(pipeline.Logger, Address);
            Assert.Equal(Address, pipeline.Last("Email"));
        }

        Assert.Null(pipeline.Subjects.SubjectId);
    }

    [Fact]
    public async Task Concurrent_scopes_are_independent()
    {
        await using var pipeline = Pipeline.Create();
        await pipeline.Ledger.AppendAsync("accepted", [ConsentChange.AcceptPolicy("1.0")]);
        var logger = pipeline.Logger;
        using var both = new Barrier(2);

        async Task<string> LogAs(string subject)
        {
            await Task.Yield();
            using (await pipeline.Subjects.BeginAsync(subject))
            {
                both.SignalAndWait(TimeSpan.FromSeconds(30));
                await Task.Yield();
                var redactor = pipeline.Services.GetRequiredService<IRedactorProvider>().GetRedactor(new DataClassificationSet(PrivacyTaxonomy.Category("contact.email")));
                return redactor.Redact(Address);
            }
        }

        var results = await Task.WhenAll(Task.Run(() => LogAs("accepted")), Task.Run(() => LogAs("never-accepted")));

        Assert.Equal([Address, string.Empty], results);
    }

    [Fact]
    public async Task A_withdrawal_is_seen_by_the_next_scope_and_a_scope_keeps_its_snapshot()
    {
        await using var pipeline = Pipeline.Create();
        await pipeline.Ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("1.0")]);

        using (await pipeline.Subjects.BeginAsync("s"))
        {
            await pipeline.Ledger.AppendAsync("s", [ConsentChange.Withdraw("marketing.offers")]);
            Log.OfferMailed(pipeline.Logger, Address);
            Assert.Equal(Address, pipeline.Last("Email"));
        }

        using (await pipeline.Subjects.BeginAsync("s"))
        {
            Log.OfferMailed(pipeline.Logger, Address);
            Assert.Equal(string.Empty, pipeline.Last("Email"));
        }
    }

    [Fact]
    public async Task A_category_value_holding_the_sets_separators_is_never_read_as_two_categories()
    {
        await using var pipeline = Pipeline.Create(purpose: "service.provision");
        await pipeline.Ledger.AppendAsync("accepted", [ConsentChange.AcceptPolicy("1.0")]);
        var provider = pipeline.Services.GetRequiredService<IRedactorProvider>();
        var forged = new DataClassificationSet(new DataClassification(PrivacyTaxonomy.Name, "contact.email,Octopus.Privacy:identity.name"));
        var real = new DataClassificationSet(PrivacyTaxonomy.Category("contact.email"), PrivacyTaxonomy.Category("identity.name"));

        using (await pipeline.Subjects.BeginAsync("accepted"))
        {
            Assert.Equal(forged.ToString(), real.ToString());
            Assert.Equal(string.Empty, provider.GetRedactor(forged).Redact(Address));
            Assert.Equal(Address, provider.GetRedactor(real).Redact(Address));
        }
    }

    [Fact]
    public async Task Without_any_AddRedaction_call_Microsofts_defaults_redact_what_consent_does_not_permit()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.EnableRedaction(o => o.ApplyDiscriminator = false).AddFakeLogging());
        services.AddConsentAwareRedaction(o => o.Purpose = "marketing.offers");
        services.AddInMemoryConsentLedger();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IConsentLedger>().AppendAsync("accepted", [ConsentChange.AcceptPolicy("1.0")]);
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("test");
        var logs = provider.GetFakeLogCollector();

        Log.OfferMailed(logger, Address);
        Assert.Equal(string.Empty, logs.LatestRecord.StructuredState!.Single(p => p.Key == "Email").Value);
        using (await provider.GetRequiredService<IPrivacySubjectAccessor>().BeginAsync("accepted"))
        {
            Log.OfferMailed(logger, Address);
        }

        Assert.Equal(Address, logs.LatestRecord.StructuredState!.Single(p => p.Key == "Email").Value);
    }

    [Fact]
    public async Task The_logger_factory_resolves_in_either_order_without_a_cycle()
    {
        foreach (var redactionFirst in new[] { false, true })
        {
            await using var pipeline = Pipeline.Create(redactionFirst);

            // A bound on a wait that takes milliseconds, not a timing assertion: a resolution cycle would hang.
            var logger = await Task.Run(() => pipeline.Services.GetRequiredService<ILoggerFactory>().CreateLogger("x")).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotNull(logger);
        }
    }

    [Fact]
    public async Task A_purpose_or_recipient_the_policy_does_not_define_stops_the_host()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConsentAwareRedaction(o => { o.Purpose = "logging.everything"; o.Recipient = "nobody"; });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'logging.everything' is not a purpose", error.Message, StringComparison.Ordinal);
        Assert.Contains("'nobody' is not a recipient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_decision_of_the_guard_and_of_the_redaction_is_counted_with_its_tags_and_no_subject()
    {
        await using var pipeline = Pipeline.Create();
        await pipeline.Ledger.AppendAsync("subject-7", [ConsentChange.AcceptPolicy("1.0")]);
        var measurements = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Octopus.Privacy" && instrument.Name == "octopus.privacy.decisions")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();

        var guard = pipeline.Services.GetRequiredService<IPrivacyGuard>();
        guard.Check(new DataUseRequest(["contact.email"], "marketing.offers", "processor"));
        Assert.True(await guard.IsPermittedAsync("subject-7", ["contact.email"], "marketing.offers", "internal"));
        using (await pipeline.Subjects.BeginAsync("subject-7"))
        {
            Log.OfferMailed(pipeline.Logger, Address);
        }

        List<(long Value, Dictionary<string, object?> Tags)> seen;
        lock (measurements)
        {
            seen = [.. measurements];
        }

        Assert.Equal(3, seen.Count);
        Assert.All(seen, m => Assert.Equal(1, m.Value));
        Assert.Equal(("deny", "ConsentRequired", "marketing.offers", "processor"), Tags(seen[0].Tags));
        Assert.Equal(("permit", "Permitted", "marketing.offers", "internal"), Tags(seen[1].Tags));
        Assert.Equal(("permit", "Permitted", "marketing.offers", "internal"), Tags(seen[2].Tags));
        Assert.DoesNotContain(seen, m => m.Tags.Values.Any(v => v is string s && (s.Contains("subject-7", StringComparison.Ordinal) || s.Contains(Address, StringComparison.Ordinal))));
    }

    private static (object?, object?, object?, object?) Tags(Dictionary<string, object?> tags) =>
        (tags["octopus.privacy.decision"], tags["octopus.privacy.reason"], tags["octopus.privacy.purpose"], tags["octopus.privacy.recipient"]);
}
