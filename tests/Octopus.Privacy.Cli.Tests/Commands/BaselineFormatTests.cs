using Octopus.Privacy.Analyzers.Baseline;
using Octopus.Privacy.Cli.Baseline;

namespace Octopus.Privacy.Cli.Tests.Commands;

/// <summary>The baseline format the tool writes is the one the analyzer reads: one implementation, read back exactly.</summary>
public sealed class BaselineFormatTests : IDisposable
{
    private readonly CliRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void What_the_tool_writes_reads_back_exactly_whatever_the_names_hold()
    {
        var path = Path.Combine(_run.Directory, "octopus-privacy.baseline.json");
        BaselineEntry[] entries =
        [
            new("OPRIV002", "M:Shop.Mailer.Send(System.String,System.Collections.Generic.List{System.Int32})", "MailKit.MailTransport.SendAsync", "Client.Émail \"primary\" \\ <main> (contact.email)", Path.Combine(_run.Directory, "src", "Mailer.cs"), 21),
            new("OPRIV001", "M:Program.<Main>$(System.String[])#MapPost /orders", "LoggerExtensions.LogInformation", "Customer.Email (contact.email)", null, null),
            new("OPRIV001", "M:Program.<Main>$(System.String[])#MapPost /orders", "LoggerExtensions.LogInformation", "Customer.Email (contact.email)", "b.cs", 3),
        ];

        BaselineDocument.Write(path, entries);
        var read = BaselineDocument.Read(path);

        Assert.Equal(2, read.Count);
        Assert.Equal(entries.Select(e => e.Key).Distinct().OrderBy(k => k.Rule, StringComparer.Ordinal), read.Select(e => e.Key));
        Assert.Equal(("src/Mailer.cs", 21), (read[1].File, read[1].Line));
        Assert.Equal(("b.cs", 3), (read[0].File, read[0].Line));
        Assert.DoesNotContain('\r', File.ReadAllText(path));
        Assert.Equal(read.Select(e => e.Key), BaselineFormat.TryRead(File.ReadAllText(path), out _, out _)!.Select(e => e.Key));
    }
}
