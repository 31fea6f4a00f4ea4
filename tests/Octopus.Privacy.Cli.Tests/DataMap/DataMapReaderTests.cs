using Octopus.Privacy.Cli.DataMap;

namespace Octopus.Privacy.Cli.Tests.DataMap;

/// <summary>How the map's entries are read out of the compiler's SARIF logs: one call is one site.</summary>
public sealed class DataMapReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-map-reader-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_call_described_as_a_sink_and_through_its_callee_is_one_site_with_everything_that_reaches_it()
    {
        var log = Log(
            Site(35, "mail", "IEmailSender.SendAsync", "contact.email,identity.name", "guarded", null),
            Site(35, "mail", "IEmailSender.SendAsync → SmtpClient.Send", "contact.email", "finding", "OPRIV002"));

        var (_, sites) = DataMapReader.Read([log], _directory);

        var site = Assert.Single(sites);
        Assert.Equal("finding", site.Verdict);
        Assert.Equal("OPRIV002", site.Diagnostic);
        Assert.Equal("IEmailSender.SendAsync", site.SinkName);
        Assert.Equal(["contact.email", "identity.name"], site.Categories);
    }

    [Fact]
    public void The_same_site_from_two_target_frameworks_is_listed_once()
    {
        var net8 = Log(Site(12, "log", "LoggerExtensions.LogInformation", "contact.email", "finding", "OPRIV001"));
        var net10 = Log(Site(12, "log", "LoggerExtensions.LogInformation", "contact.email", "finding", "OPRIV001"));

        var (_, sites) = DataMapReader.Read([net8, net10], _directory);

        Assert.Equal("Services/Mailer.cs:12", Assert.Single(sites).Place);
    }

    [Fact]
    public void A_log_that_is_not_SARIF_is_one_clear_error()
    {
        var log = Path.Combine(_directory, "broken.sarif");
        File.WriteAllText(log, "{ \"version\": \"2.1.0\" }");

        var error = Assert.Throws<CliException>(() => DataMapReader.Read([log], _directory));

        Assert.Contains("without runs", error.Message, StringComparison.Ordinal);
    }

    private string Log(params string[] results)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".sarif");
        File.WriteAllText(path, "{ \"version\": \"2.1.0\", \"runs\": [ { \"results\": [ " + string.Join(", ", results) + " ] } ] }");
        return path;
    }

    private string Site(int line, string sink, string sinkName, string categories, string verdict, string? diagnostic)
    {
        var uri = new Uri(Path.Combine(_directory, "Services", "Mailer.cs")).AbsoluteUri;
        return $$"""
            { "ruleId": "OPRIV900", "level": "note",
              "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "{{uri}}" }, "region": { "startLine": {{line}} } } } ],
              "properties": { "customProperties": { "member": "Shop.Mailer.Send", "categories": "{{categories}}", "sink": "{{sink}}", "sinkName": "{{sinkName}}",
                "recipient": "", "guardedBy": "", "verdict": "{{verdict}}", "diagnostic": "{{diagnostic ?? string.Empty}}", "sources": "Customer.Email" } } }
            """;
    }
}
