using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Tests.Samples;

/// <summary>samples/Octopus.Privacy.Samples.Shop is clean; compiled with LEAKY it has exactly its three leaks.</summary>
public sealed class ShopSampleTests
{
    [Fact]
    public async Task The_shop_sample_has_no_privacy_diagnostics()
    {
        var diagnostics = await AnalyzeAsync(leaky: false);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task The_leaky_shop_sample_has_exactly_its_three_leaks()
    {
        var diagnostics = await AnalyzeAsync(leaky: true);

        Assert.Equal(
            [
                ("OPRIV002", "AdvertisingPartnerClient.cs", "Customer.Email (contact.email) is sent to an HTTP endpoint"),
                ("OPRIV002", "MailingList.cs", "Customer.Email (contact.email), Customer.Name (identity.name) is sent to recipient 'processor'"),
                ("OPRIV001", "OrderService.cs", "Customer.Address (contact.address), Order.ShippingAddress (shipment.address) is written to a log"),
            ],
            diagnostics
                .Select(d => (d.Id, Path.GetFileName(d.Location.SourceTree!.FilePath), Message: d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
                .OrderBy(d => d.Item2, StringComparer.Ordinal)
                .Select(d => (d.Id, d.Item2, d.Message[..d.Message.IndexOf(" by ", StringComparison.Ordinal)])));
        Assert.All(diagnostics, d => Assert.Contains("leak", d.Location.SourceTree!.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString(), StringComparison.Ordinal));
    }

    private static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(bool leaky) =>
        SampleCompilation.AnalyzeAsync("Octopus.Privacy.Samples.Shop", leaky, []);
}
