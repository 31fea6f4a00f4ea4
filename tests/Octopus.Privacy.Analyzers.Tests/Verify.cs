using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.Extensions.Logging;

namespace Octopus.Privacy.Analyzers.Tests;

/// <summary>Runs an analyzer over test code that references Octopus.Privacy and Microsoft.Extensions.Logging.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Warning);

    public static DiagnosticResult Error(string id) => new(id, DiagnosticSeverity.Error);

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerAsync(source, additionalFiles: [], editorConfig: null, expected);

    /// <summary>Test code that also references ASP.NET Core (Identity) and the real MailKit, RestSharp, Serilog, Flurl, SendGrid, Twilio, Azure Storage queues, MediatR and Mediator.</summary>
    public static Task WithLibrariesAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerAsync(source, [], editorConfig: null, libraries: true, expected);

    /// <summary>As <see cref="WithLibrariesAsync(string, DiagnosticResult[])"/>, with project options.</summary>
    public static Task WithLibrariesAsync(string source, string editorConfig, params DiagnosticResult[] expected) =>
        AnalyzerAsync(source, [], editorConfig, libraries: true, expected);

    public static Task AnalyzerAsync(string source, (string Path, string Text)[] additionalFiles, string? editorConfig, params DiagnosticResult[] expected) =>
        AnalyzerAsync(source, additionalFiles, editorConfig, libraries: false, expected);

    private static async Task AnalyzerAsync(string source, (string Path, string Text)[] additionalFiles, string? editorConfig, bool libraries, DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = References.None,
        };
        test.TestState.AdditionalReferences.AddRange(References.Privacy.Value);
        if (libraries)
        {
            test.TestState.AdditionalReferences.AddRange(References.Libraries.Value);
        }

        foreach (var (path, text) in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add((path, text));
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}

/// <summary>The .NET reference assemblies of the SDK that runs the tests, so that no test downloads anything.</summary>
internal static class References
{
    public static readonly ReferenceAssemblies None = new("net10.0");

    public static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(() => Pack("Microsoft.NETCore.App.Ref"));

    /// <summary>The framework, Octopus.Privacy.Annotations ([Pii] and the other attributes), Octopus.Privacy (the guard) and Microsoft.Extensions.Logging.</summary>
    public static readonly Lazy<ImmutableArray<MetadataReference>> Privacy = new(() =>
    [
        .. Framework.Value,
        MetadataReference.CreateFromFile(typeof(PiiAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(PrivacyPolicy).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ILogger).Assembly.Location),
    ]);

    /// <summary>ASP.NET Core's reference assemblies (Identity among them), the third-party client packages (SendGrid, Stripe, Twilio and Azure Storage queues among them), BCrypt.Net, Application Insights, Json.NET (Stripe's) and the mediators (MediatR, Mediator).</summary>
    public static readonly Lazy<ImmutableArray<MetadataReference>> Libraries = new(() =>
    [
        // The tests pin their own Microsoft.Extensions.Logging.Abstractions (9.0, the lowest Twilio's dependencies accept).
        .. Pack("Microsoft.AspNetCore.App.Ref").Where(r => Path.GetFileName(r.Display) != "Microsoft.Extensions.Logging.Abstractions.dll"),
        MetadataReference.CreateFromFile(typeof(MailKit.Net.Smtp.SmtpClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MimeKit.MimeMessage).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(RestSharp.RestClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Serilog.Log).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Flurl.Http.IFlurlRequest).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Flurl.Url).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MediatR.IMediator).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Mediator.IMediator).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(SendGrid.SendGridClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Stripe.CustomerService).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Twilio.Rest.Api.V2010.Account.MessageResource).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(BCrypt.Net.BCrypt).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.ApplicationInsights.TelemetryClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.Linq.JObject).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Azure.Storage.Queues.QueueClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Azure.Response).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(BinaryData).Assembly.Location),
    ]);

    private static ImmutableArray<MetadataReference> Pack(string name)
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", name);
        var version = Directory.GetDirectories(packs).Select(Path.GetFileName).OrderByDescending(v => Version.TryParse(v!.Split('-')[0], out var parsed) ? parsed : new Version()).First()!;
        var folder = Directory.GetDirectories(Path.Combine(packs, version, "ref")).Single();
        return [.. Directory.GetFiles(folder, "*.dll").Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))];
    }
}
