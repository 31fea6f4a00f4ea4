using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Octopus.Privacy.Analyzers;

// Runs the Octopus.Privacy analyzer on a checkout of a real code base, without editing it:
//   dotnet run -c Release --project benchmarks/Octopus.Privacy.RealCode -- <checkout> [--include-tests] [--runs 3] [--razor] [--sdk-analyzers] [--show-errors TEXT] [--infer-references] [--generated-to DIR] [--option KEY=VALUE]...
// Every project (.csproj) under the checkout is compiled from its C# sources, in dependency order (seeing the projects its
// references reference, as an SDK build does; a project file MSBuild would compile nothing from is skipped), against the .NET and
// ASP.NET Core reference assemblies and the real assemblies of the clients the analyzer knows (MailKit, SendGrid, Stripe, Twilio, RestSharp,
// Flurl, Serilog, Microsoft.Extensions.Compliance) and of EF Core, Identity's EF stores, BCrypt.Net, Application Insights, Hangfire, MediatR 5, Mediator, AutoMapper 14, the JWT libraries, Google sign-in's token validation and Blazor WebAssembly's host. Packages the code base uses beyond those are not restored: what they
// declare does not bind, which this tool reports as the count of compile errors per project. With --razor, the SDK's
// Razor source generator compiles the project's .razor and .cshtml files as a build would, and findings in them are
// placed at their line in the Razor file. For each finding it prints the rule, the place and the line, for a person to
// review; and it measures the compile (binding every method body) with and without the analyzer.
if (args.Length == 0 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: Octopus.Privacy.RealCode <checkout directory> [--include-tests] [--runs N]");
    return 2;
}

// Without a trailing separator: a checkout given as "dir/" would otherwise not count as an ancestor of its own projects,
// and its Directory.Build.props (global usings, language version) would be skipped.
var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(args[0]));
var includeTests = args.Contains("--include-tests");
var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(3);

// --sdk-analyzers: time the analyzers a web project's build runs by default (the .NET SDK's code analysis and
// ASP.NET Core's analyzers, at their default severities) beside this package's, each as ReportAnalyzer counts it.
var sdkAnalyzers = args.Contains("--sdk-analyzers") ? SdkAnalyzers() : [];
var razor = args.Contains("--razor") ? RazorGenerator() : null;

// --show-errors TEXT: print the compile errors of the files whose path contains TEXT.
var showErrors = args.SkipWhile(a => a != "--show-errors").Skip(1).FirstOrDefault();
// --option KEY=VALUE (repeatable): an analyzer option for every file when findings are listed, as a team's .editorconfig
// would set it (octopus_privacy.additional_consent_checks = P:Spa.User.NotifyByEmail); the timed runs take the defaults.
var optionValues = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (args[i] != "--option")
    {
        continue;
    }

    if (i + 1 >= args.Length || args[i + 1].Split('=', 2) is not [{ } key, { } value] || string.IsNullOrWhiteSpace(key))
    {
        Console.Error.WriteLine("--option takes KEY=VALUE, such as --option octopus_privacy.report_exceptions=false");
        return 2;
    }

    // A key given twice takes its last value, as a later .editorconfig line does.
    optionValues[key.Trim()] = value.Trim();
}

var analyzerOptions = new AnalyzerOptions([], new RazorInputs.OptionsProvider(optionValues, []));
// --generated-to DIR: write the C# the Razor generator wrote (with --razor), one file per .razor or .cshtml file.
var generatedTo = args.SkipWhile(a => a != "--generated-to").Skip(1).FirstOrDefault();

var projects = Directory.GetFiles(root, "*.csproj", SearchOption.AllDirectories)
    .Where(p => includeTests || !Regex.IsMatch(Path.GetRelativePath(root, p), "test", RegexOptions.IgnoreCase))
    .Where(CompilesSources)
    .Select(p => Project.Read(p, root))
    .ToDictionary(p => p.Path, StringComparer.Ordinal);
if (args.Contains("--infer-references"))
{
    InferReferences(projects);
}

var ordered = TopologicalOrder(projects);
var framework = Pack("Microsoft.NETCore.App.Ref").Concat(Pack("Microsoft.AspNetCore.App.Ref"))
    .Concat(
    [
        MetadataReference.CreateFromFile(typeof(MailKit.Net.Smtp.SmtpClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MimeKit.MimeMessage).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(SendGrid.SendGridClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Stripe.CustomerService).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Twilio.Rest.Api.V2010.Account.MessageResource).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(BCrypt.Net.BCrypt).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.ApplicationInsights.TelemetryClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(RestSharp.RestClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Serilog.Log).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Flurl.Http.IFlurlRequest).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Flurl.Url).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Compliance.Classification.DataClassification).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.EntityFrameworkCore.KeylessAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.EntityFrameworkCore.RelationalQueryableExtensions).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Hangfire.BackgroundJob).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MediatR.IMediator).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Mediator.IMediator).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(AutoMapper.IMapper).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(System.IdentityModel.Tokens.Jwt.JwtRegisteredClaimNames).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Google.Apis.Auth.GoogleJsonWebSignature).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.IdentityModel.JsonWebTokens.JsonWebToken).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.IdentityModel.Tokens.SecurityToken).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.AspNetCore.Components.WebAssembly.Hosting.WebAssemblyHostBuilder).Assembly.Location),
    ])
    .ToImmutableArray();

Console.WriteLine($"{root}: {ordered.Count} projects, {ordered.Sum(p => p.Sources.Count)} C# files");
var compiled = new Dictionary<string, CSharpCompilation>(StringComparer.Ordinal);
var findings = new List<(string Project, Diagnostic Diagnostic)>();
var compileTimes = new List<double>();
var analyzerTimes = new List<double>();
foreach (var project in ordered)
{
    // Project references are transitive, as in an SDK build: a project sees what its references reference.
    var references = framework.AddRange(Transitive(project, projects).Where(compiled.ContainsKey).Select(r => compiled[r].ToMetadataReference()));
    var options = new CSharpParseOptions(LanguageVersion.Latest);
    var trees = project.Sources.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f)).ToList();
    if (project.GlobalUsings.Count > 0)
    {
        trees.Add(CSharpSyntaxTree.ParseText(string.Concat(project.GlobalUsings.Select(u => $"global using {u};\n")), options, Path.Combine(project.Directory, "GlobalUsings.g.cs")));
    }

    Compilation compilation = CSharpCompilation.Create(
        project.Name,
        trees,
        references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));
    var razorFiles = 0;
    if (razor is not null && RazorInputs.For(project) is { Texts.Length: > 0 } inputs)
    {
        var driver = CSharpGeneratorDriver.Create([razor], inputs.Texts, options, inputs.Options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out compilation, out var generatorDiagnostics);
        razorFiles = inputs.Texts.Length;
        if (generatedTo != null)
        {
            // For a reviewer reading a finding in a Razor file: the C# the generator wrote for it.
            Directory.CreateDirectory(generatedTo);
            const string Generator = "RazorSourceGenerator/";
            foreach (var tree in compilation.SyntaxTrees.Where(t => t.FilePath.Contains(Generator, StringComparison.Ordinal)))
            {
                var name = tree.FilePath[(tree.FilePath.IndexOf(Generator, StringComparison.Ordinal) + Generator.Length)..].Replace('/', '_');
                File.WriteAllText(Path.Combine(generatedTo, project.Name + "_" + name), tree.ToString());
            }
        }
        foreach (var failure in generatorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS8785", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine($"  {project.Name}: the Razor generator failed: {failure.GetMessage(CultureInfo.InvariantCulture)}");
        }
    }

    compiled[project.Path] = (CSharpCompilation)compilation;
    var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
    if (showErrors != null)
    {
        // What did not bind in the files a reviewer is reading: why a flow there was not seen.
        foreach (var error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.Contains(showErrors, StringComparison.Ordinal) == true))
        {
            Console.WriteLine($"    {error}");
        }
    }

    var projectFindings = await AnalyzeAsync(compilation, analyzerOptions);
    findings.AddRange(projectFindings.Select(d => (project.Name, d)));
    Console.WriteLine($"  {project.Name}: {project.Sources.Count} files{(razorFiles > 0 ? $" and {razorFiles} Razor files" : string.Empty)}, {errors} compile errors from packages not restored, {projectFindings.Length} findings");
}

// Cost: binding every body (what a build's compile does before emit) with and without the analyzer, medians of runs.
for (var run = 0; run < runs; run++)
{
    var compile = 0.0;
    var analyzer = 0.0;
    foreach (var (path, original) in compiled)
    {
        var fresh = Reparsed(original);
        var clock = Stopwatch.StartNew();
        fresh.GetDiagnostics();
        compile += clock.Elapsed.TotalSeconds;
        analyzer += await AnalyzerTimeAsync(fresh);
    }

    compileTimes.Add(compile);
    analyzerTimes.Add(analyzer);
}

if (sdkAnalyzers.Length > 0)
{
    // Every analyzer in one driver, as a build runs them; times summed per analyzer assembly, medians of the runs.
    var byAssembly = new Dictionary<string, List<double>>(StringComparer.Ordinal);
    var byAnalyzer = new Dictionary<string, List<double>>(StringComparer.Ordinal);
    var walls = new Dictionary<string, List<double>>(StringComparer.Ordinal);
    for (var run = 0; run < Math.Max(1, runs); run++)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        var analyzerSums = new Dictionary<string, double>(StringComparer.Ordinal);
        var wallSums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (_, original) in compiled)
        {
            // The driver without the package goes first in every other run: whichever goes first pays for collecting
            // what the run before left behind.
            var sdkFirst = run % 2 == 1 ? (await TimesAsync(Reparsed(original), sdkAnalyzers)).Wall : 0.0;
            var (times, wall) = await TimesAsync(Reparsed(original), [.. OwnAnalyzers(), .. sdkAnalyzers]);
            foreach (var (name, analyzer, seconds) in times)
            {
                sums[name] = sums.GetValueOrDefault(name) + seconds;
                analyzerSums[analyzer] = analyzerSums.GetValueOrDefault(analyzer) + seconds;
            }

            // The same driver without the package: what the package's analyzers add to its wall-clock time, binding
            // they trigger first included only where no other analyzer would have needed it.
            var sdkWall = run % 2 == 1 ? sdkFirst : (await TimesAsync(Reparsed(original), sdkAnalyzers)).Wall;
            wallSums["all"] = wallSums.GetValueOrDefault("all") + wall;
            wallSums["sdk"] = wallSums.GetValueOrDefault("sdk") + sdkWall;
        }

        AddRun(byAssembly, sums);
        AddRun(byAnalyzer, analyzerSums);
        AddRun(walls, wallSums);
    }

    Console.WriteLine();
    Console.WriteLine($"analyzer time by assembly, median of {Math.Max(1, runs)} (all analyzers in one driver, not concurrent):");
    foreach (var (name, times) in byAssembly.OrderByDescending(p => Median(p.Value)))
    {
        Console.WriteLine($"  {Median(times),7:F2} s  {name}");
    }

    // The first run includes compiling each analyzer's code (the first build in a compiler process pays it); the median
    // of several is what a warm compiler server spends on each.
    Console.WriteLine($"the ten most expensive analyzers, median of {Math.Max(1, runs)}:");
    foreach (var (name, times) in byAnalyzer.OrderByDescending(p => Median(p.Value)).Take(10))
    {
        Console.WriteLine($"  {Median(times),7:F3} s  {name}");
    }

    Console.WriteLine($"the driver's wall-clock time, median of {Math.Max(1, runs)}: {Median(walls["all"]):F3} s with the package, {Median(walls["sdk"]):F3} s without it");
    Console.WriteLine($"  added by the package, median of the runs' differences: {Median(walls["all"].Zip(walls["sdk"], (with, without) => with - without).ToList()):F3} s");
    Console.WriteLine($"  by run, with / without (the driver without the package first in the second, fourth, ... run): {string.Join("; ", walls["all"].Zip(walls["sdk"], (with, without) => $"{with:F3} / {without:F3}"))}");
}

Console.WriteLine();
Console.WriteLine($"compile (bind all bodies), median of {runs}: {Median(compileTimes):F2} s; the analyzers' own time (as ReportAnalyzer counts it): {Median(analyzerTimes):F2} s ({100 * Median(analyzerTimes) / Median(compileTimes):F1} % of the compile)");
Console.WriteLine();
foreach (var (project, diagnostic) in findings.OrderBy(f => f.Diagnostic.Location.GetMappedLineSpan().Path ?? "", StringComparer.Ordinal).ThenBy(f => f.Diagnostic.Location.GetMappedLineSpan().StartLinePosition.Line))
{
    var span = diagnostic.Location.GetMappedLineSpan();
    var where = span.Path is { Length: > 0 } path ? $"{Path.GetRelativePath(root, path)}:{span.StartLinePosition.Line + 1}" : project;
    Console.WriteLine($"{diagnostic.Id} {where}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
    if (diagnostic.Location.SourceTree is SyntaxTree tree)
    {
        Console.WriteLine($"    {tree.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim()}");
    }
}

Console.WriteLine($"{findings.Count} findings");
return 0;

/// <summary>
/// False for a file named like a project that MSBuild would compile nothing from: neither an SDK project nor one that
/// lists <c>Compile</c> items (a copy of Visual Studio's per-user settings saved as <c>App (2).csproj</c> beside the real one),
/// or one that is not XML at all (a merge conflict committed in it), which MSBuild could not load either; that one is named.
/// </summary>
static bool CompilesSources(string path)
{
    var text = File.ReadAllText(path);
    if (!text.Contains("Sdk", StringComparison.Ordinal) && !text.Contains("<Compile", StringComparison.Ordinal))
    {
        return false;
    }

    try
    {
        _ = XDocument.Parse(text);
        return true;
    }
    catch (System.Xml.XmlException e)
    {
        Console.Error.WriteLine($"  skipped {path}: not a project file MSBuild could load ({e.Message})");
        return false;
    }
}

static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, AnalyzerOptions options)
{
    DiagnosticAnalyzer[] analyzers = [new PiiFlowAnalyzer(), new ConsentCheckResultDiscardedAnalyzer(), new UndeclaredPolicyNameAnalyzer()];
    return await compilation.WithAnalyzers([.. analyzers], options).GetAnalyzerDiagnosticsAsync();
}

static async Task<double> AnalyzerTimeAsync(Compilation compilation)
{
    DiagnosticAnalyzer[] analyzers = [new PiiFlowAnalyzer(), new ConsentCheckResultDiscardedAnalyzer(), new UndeclaredPolicyNameAnalyzer()];
    var withAnalyzers = compilation.WithAnalyzers(
        [.. analyzers],
        new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    var total = 0.0;
    foreach (var analyzer in analyzers)
    {
        var seconds = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalSeconds;
        if (Environment.GetEnvironmentVariable("OCTOPUS_PRIVACY_TIMES") == "1")
        {
            Console.Error.WriteLine($"    {compilation.AssemblyName} {analyzer.GetType().Name}: {seconds:F3} s");
        }

        total += seconds;
    }

    return total;
}

static DiagnosticAnalyzer[] OwnAnalyzers() => [new PiiFlowAnalyzer(), new ConsentCheckResultDiscardedAnalyzer(), new UndeclaredPolicyNameAnalyzer()];

// A compilation of the same trees parsed afresh: nothing bound or cached from an earlier run.
static Compilation Reparsed(Compilation original) =>
    original.RemoveAllSyntaxTrees().AddSyntaxTrees(original.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), (CSharpParseOptions)t.Options, t.FilePath)));

static async Task<(List<(string Assembly, string Analyzer, double Seconds)> Times, double Wall)> TimesAsync(Compilation compilation, DiagnosticAnalyzer[] analyzers)
{
    var withAnalyzers = compilation.WithAnalyzers(
        [.. analyzers],
        new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    var clock = Stopwatch.StartNew();
    await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    var wall = clock.Elapsed.TotalSeconds;
    var times = new List<(string, string, double)>();
    foreach (var analyzer in analyzers)
    {
        times.Add((analyzer.GetType().Assembly.GetName().Name!, analyzer.GetType().Name, (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalSeconds));
    }

    return (times, wall);
}

static DiagnosticAnalyzer[] SdkAnalyzers()
{
    // The SDK that runs this program: its code analysis, the Web SDK's analyzers and ASP.NET Core's, as a web project
    // gets them. Assemblies built against a newer Roslyn than this runner's are skipped, and said so.
    var (root, sdk) = Sdk();
    var files = new List<string>
    {
        Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers", "Microsoft.CodeAnalysis.NetAnalyzers.dll"),
        Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll"),
    };
    files.AddRange(Directory.GetFiles(Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk.Web", "analyzers", "cs"), "*.dll"));
    foreach (var pack in new[] { "Microsoft.AspNetCore.App.Ref", "Microsoft.NETCore.App.Ref" })
    {
        var version = Directory.GetDirectories(Path.Combine(root, "packs", pack)).OrderByDescending(v => Version.TryParse(Path.GetFileName(v).Split('-')[0], out var parsed) ? parsed : new Version()).First();
        files.AddRange(Directory.GetFiles(Path.Combine(version, "analyzers", "dotnet", "cs"), "*.dll"));
    }

    var loader = new Loader();
    var analyzers = new List<DiagnosticAnalyzer>();
    foreach (var file in files.Where(File.Exists))
    {
        var reference = new AnalyzerFileReference(file, loader);
        var failed = false;
        reference.AnalyzerLoadFailed += (_, e) => failed = true;
        var loaded = reference.GetAnalyzers(LanguageNames.CSharp);
        if (failed || loaded.IsEmpty)
        {
            Console.Error.WriteLine($"  (not timed: {Path.GetFileName(file)}{(failed ? ", built for a newer compiler than this runner's" : ", no analyzers")})");
            continue;
        }

        analyzers.AddRange(loaded);
    }

    return [.. analyzers];
}

static ISourceGenerator? RazorGenerator()
{
    // The SDK's Razor compiler, as a build loads it for a Web or Razor project.
    var (_, sdk) = Sdk();
    var file = Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk.Razor", "source-generators", "Microsoft.CodeAnalysis.Razor.Compiler.dll");
    var reference = new AnalyzerFileReference(file, new Loader());
    var failed = false;
    reference.AnalyzerLoadFailed += (_, e) => { failed = true; Console.Error.WriteLine($"  (the Razor generator did not load: {e.Message})"); };
    var generator = reference.GetGenerators(LanguageNames.CSharp).FirstOrDefault();
    return failed ? null : generator;
}

// The .NET installation that runs this program, and its newest SDK.
static (string Root, string Sdk) Sdk()
{
    var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
    var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
    var sdk = Directory.GetDirectories(Path.Combine(root, "sdk")).Where(d => File.Exists(Path.Combine(d, "dotnet.dll"))).OrderByDescending(d => d, StringComparer.Ordinal).First();
    return (root, sdk);
}

// One run's sums, each appended to its name's list of runs.
static void AddRun(Dictionary<string, List<double>> runs, Dictionary<string, double> sums)
{
    foreach (var (name, seconds) in sums)
    {
        (runs.TryGetValue(name, out var list) ? list : runs[name] = []).Add(seconds);
    }
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
}

static IEnumerable<MetadataReference> Pack(string name)
{
    var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
    var packs = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "packs", name));
    var version = Directory.GetDirectories(packs).OrderByDescending(v => Version.TryParse(Path.GetFileName(v).Split('-')[0], out var parsed) ? parsed : new Version()).First();
    var folder = Directory.GetDirectories(Path.Combine(version, "ref")).Single();
    return Directory.GetFiles(folder, "*.dll").Select(f => (MetadataReference)MetadataReference.CreateFromFile(f));
}

static List<Project> TopologicalOrder(Dictionary<string, Project> projects)
{
    var ordered = new List<Project>();
    var state = new Dictionary<string, bool>(StringComparer.Ordinal);
    void Visit(Project project)
    {
        if (state.TryGetValue(project.Path, out var done))
        {
            return;
        }

        state[project.Path] = false;
        foreach (var reference in project.References)
        {
            if (projects.TryGetValue(reference, out var dependency))
            {
                Visit(dependency);
            }
        }

        state[project.Path] = true;
        ordered.Add(project);
    }

    foreach (var project in projects.Values.OrderBy(p => p.Path, StringComparer.Ordinal))
    {
        Visit(project);
    }

    return ordered;
}

/// <summary>
/// --infer-references: for a code base whose project references MSBuild computes (wildcards under conditions in a
/// Directory.Build.targets), a project is also given the projects that declare the namespaces its sources import,
/// unless that would make a cycle.
/// </summary>
static void InferReferences(Dictionary<string, Project> projects)
{
    var declaredBy = new Dictionary<string, List<Project>>(StringComparer.Ordinal);
    var imports = new Dictionary<string, List<string>>(StringComparer.Ordinal);
    foreach (var project in projects.Values.OrderBy(p => p.Path, StringComparer.Ordinal))
    {
        var used = new List<string>(project.GlobalUsings);
        foreach (var source in project.Sources)
        {
            foreach (Match match in Regex.Matches(File.ReadAllText(source), @"^\s*(?:global\s+)?(using|namespace)\s+(?:static\s+)?([A-Za-z_][\w.]*)", RegexOptions.Multiline))
            {
                var name = match.Groups[2].Value;
                if (match.Groups[1].Value == "using")
                {
                    used.Add(name);
                }
                else if (!declaredBy.TryGetValue(name, out var declaring))
                {
                    declaredBy[name] = [project];
                }
                else if (!declaring.Contains(project))
                {
                    declaring.Add(project);
                }
            }
        }

        imports[project.Path] = used.Distinct(StringComparer.Ordinal).ToList();
    }

    foreach (var project in projects.Values.OrderBy(p => p.Path, StringComparer.Ordinal))
    {
        foreach (var name in imports[project.Path])
        {
            foreach (var declaring in declaredBy.GetValueOrDefault(name) ?? [])
            {
                if (declaring != project && !project.References.Contains(declaring.Path)
                    && !Transitive(declaring, projects).Contains(project.Path))
                {
                    project.References.Add(declaring.Path);
                }
            }
        }
    }
}

/// <summary>The projects a project references, directly or through the projects it references.</summary>
static List<string> Transitive(Project project, Dictionary<string, Project> projects)
{
    var seen = new HashSet<string>(StringComparer.Ordinal);
    var pending = new Stack<string>(project.References);
    while (pending.Count > 0)
    {
        var path = pending.Pop();
        if (seen.Add(path) && projects.TryGetValue(path, out var referenced))
        {
            foreach (var next in referenced.References)
            {
                pending.Push(next);
            }
        }
    }

    return [.. seen];
}

/// <summary>What the runner needs of a project file: its sources, project references and global usings.</summary>
internal sealed record Project(string Path, string Name, string Directory, List<string> Sources, List<string> References, List<string> GlobalUsings)
{
    private static readonly string[] SdkUsings = ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] WebUsings =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    public static Project Read(string path, string root)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var document = XDocument.Load(path);
        var sdk = document.Root?.Attribute("Sdk")?.Value ?? "";
        var props = AncestorProps(directory, root).Append(path).SelectMany(WithImports).ToList();
        var implicitUsings = props.SelectMany(d => Named(d, "ImplicitUsings")).Select(e => e.Value.Trim()).LastOrDefault() is "enable" or "true";
        var usings = new List<string>();
        if (implicitUsings)
        {
            usings.AddRange(SdkUsings);
            if (sdk.Contains("Web", StringComparison.OrdinalIgnoreCase))
            {
                usings.AddRange(WebUsings);
            }
        }

        usings.AddRange(props.SelectMany(d => Named(d, "Using")).Select(e => e.Attribute("Include")?.Value).OfType<string>().Where(u => !u.Contains('$')));
        var nested = System.IO.Directory.GetFiles(directory, "*.csproj", SearchOption.AllDirectories)
            .Select(System.IO.Path.GetDirectoryName)
            .Where(d => d != directory)
            .ToList();
        var sources = System.IO.Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Regex.IsMatch(f, @"[\\/](bin|obj)[\\/]") && !nested.Any(n => f.StartsWith(n + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .ToList();
        // Files a project compiles from outside its folder (<Compile Include="..\Features\**\*.cs" />), as a build does.
        foreach (var include in Named(document, "Compile").Select(e => e.Attribute("Include")?.Value).OfType<string>().Where(i => !i.Contains('$')))
        {
            sources.AddRange(Included(directory, include).Where(f => !sources.Contains(f, StringComparer.Ordinal)));
        }

        var references = Named(document, "ProjectReference")
            .Select(e => e.Attribute("Include")?.Value)
            .OfType<string>()
            .Select(r => System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, r.Replace('\\', System.IO.Path.DirectorySeparatorChar))))
            .ToList();
        return new Project(path, System.IO.Path.GetFileNameWithoutExtension(path), directory, sources, references, usings.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The C# files a <c>Compile Include</c> names: one file, <c>dir\*.cs</c>, or <c>dir\**\*.cs</c> (a folder and the
    /// folders below it), relative to the project's folder; several separated by semicolons.
    /// </summary>
    private static IEnumerable<string> Included(string directory, string include)
    {
        foreach (var part in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, part.Replace('\\', System.IO.Path.DirectorySeparatorChar)));
            var star = path.IndexOf('*', StringComparison.Ordinal);
            if (star < 0)
            {
                if (File.Exists(path) && path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                {
                    yield return path;
                }

                continue;
            }

            var folder = System.IO.Path.GetDirectoryName(path[..star].TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar)!;
            var recursive = path.Contains("**", StringComparison.Ordinal);
            if (!System.IO.Directory.Exists(folder) || !path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var file in System.IO.Directory.GetFiles(folder, "*.cs", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly))
            {
                if (!Regex.IsMatch(file, @"[\\/](bin|obj)[\\/]"))
                {
                    yield return file;
                }
            }
        }
    }

    /// <summary>A project or props file after the files it imports by a plain relative path (<c>..\Build\Common.props</c>).</summary>
    private static IEnumerable<XDocument> WithImports(string file)
    {
        var document = XDocument.Load(file);
        foreach (var import in Named(document, "Import").Select(e => e.Attribute("Project")?.Value).OfType<string>().Where(i => !i.Contains('$')))
        {
            var imported = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file)!, import.Replace('\\', System.IO.Path.DirectorySeparatorChar)));
            if (File.Exists(imported) && imported != file)
            {
                foreach (var nested in WithImports(imported))
                {
                    yield return nested;
                }
            }
        }

        yield return document;
    }

    /// <summary>The elements of that name, whether or not the file declares MSBuild's old XML namespace.</summary>
    private static IEnumerable<XElement> Named(XDocument document, string name) => document.Descendants().Where(e => e.Name.LocalName == name);

    private static List<string> AncestorProps(string directory, string root)
    {
        var found = new List<string>();
        for (var current = directory; current != null && current.StartsWith(root, StringComparison.Ordinal); current = System.IO.Path.GetDirectoryName(current))
        {
            var props = System.IO.Path.Combine(current, "Directory.Build.props");
            if (File.Exists(props))
            {
                found.Insert(0, props);
            }
        }

        return found;
    }
}

/// <summary>Loads analyzer assemblies (and the assemblies beside them) into this process.</summary>
internal sealed class Loader : IAnalyzerAssemblyLoader
{
    public void AddDependencyLocation(string fullPath)
    {
    }

    public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
}

/// <summary>
/// A project's .razor and .cshtml files as the Razor SDK hands them to its generator: additional files, each with its
/// path relative to the project (base64, as <c>TargetPath</c>), and the project's Razor build properties.
/// </summary>
internal sealed record RazorInputs(ImmutableArray<AdditionalText> Texts, AnalyzerConfigOptionsProvider Options)
{
    public static RazorInputs For(Project project)
    {
        var files = System.IO.Directory.GetFiles(project.Directory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase))
            .Where(f => !Regex.IsMatch(f, @"[\\/](bin|obj|node_modules)[\\/]"))
            .Where(f => project.Sources.Count == 0 || !IsInNestedProject(project.Directory, f))
            .ToList();
        var global = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build_property.RazorLangVersion"] = "latest",
            ["build_property.RootNamespace"] = project.Name,
            ["build_property.MSBuildProjectDirectory"] = project.Directory,
            ["build_property.SupportLocalizedComponentNames"] = string.Empty,
            ["build_property.GenerateRazorMetadataSourceChecksumAttributes"] = string.Empty,
            ["build_property._RazorSourceGeneratorDebug"] = string.Empty,
        };
        var perFile = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = System.IO.Path.GetRelativePath(project.Directory, file);
            perFile[file] = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["build_metadata.AdditionalFiles.TargetPath"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(relative)),
                ["build_metadata.AdditionalFiles.CssScope"] = string.Empty,
            };
        }

        return new RazorInputs([.. files.Select(f => (AdditionalText)new FileText(f))], new OptionsProvider(global, perFile));
    }

    private static bool IsInNestedProject(string directory, string file)
    {
        for (var current = System.IO.Path.GetDirectoryName(file); current != null && current.Length > directory.Length; current = System.IO.Path.GetDirectoryName(current))
        {
            if (System.IO.Directory.GetFiles(current, "*.csproj").Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) =>
            Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(Path), System.Text.Encoding.UTF8);
    }

    internal sealed class OptionsProvider(Dictionary<string, string> global, Dictionary<string, Dictionary<string, string>> perFile) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new ConfigOptions(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new ConfigOptions(global);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new ConfigOptions(perFile.TryGetValue(textFile.Path, out var options) ? options.Concat(global).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) : global);
    }

    private sealed class ConfigOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
