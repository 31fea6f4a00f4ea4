using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;

namespace Octopus.Privacy.Compliance.Tests;

/// <summary>The redaction runs inside every log call: once warm, deciding a set's redactor allocates nothing (bytes counted, not time).</summary>
public sealed class AllocationTests
{
    [Fact]
    public async Task A_warm_consent_aware_redaction_allocates_nothing()
    {
        await using var pipeline = Pipeline.Create();
        await pipeline.Ledger.AppendAsync("ada", [ConsentChange.AcceptPolicy("1.0")]);
        var provider = pipeline.Services.GetRequiredService<IRedactorProvider>();
        var set = new DataClassificationSet(PrivacyTaxonomy.Category("contact.email"));

        using (await pipeline.Subjects.BeginAsync("ada"))
        {
            Assert.Equal("ada@example.com", provider.GetRedactor(set).Redact("ada@example.com"));

            // A set equal to the first, built anew as the logging generator does on every call.
            var again = new DataClassificationSet(PrivacyTaxonomy.Category("contact.email"));
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                provider.GetRedactor(again);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
