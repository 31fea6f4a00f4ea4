using System.Globalization;
using System.Text;

namespace Octopus.Privacy.AnalyzerBenchmark;

/// <summary>
/// Writes a synthetic project of many files mixing PII models, logging, consent checks and HTTP calls, as a large
/// service would. Deterministic: the same arguments write the same files.
/// </summary>
internal static class SyntheticSolution
{
    public static int Generate(string directory, int files, string libraryPath, string analyzerPath, bool withPii)
    {
        Directory.CreateDirectory(directory);
        foreach (var old in Directory.GetFiles(directory, "*.cs"))
        {
            File.Delete(old);
        }

        File.WriteAllText(Path.Combine(directory, "Synthetic.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>$(NoWarn);CS1998;CA1848;CA1873</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.2" />
              </ItemGroup>
              <ItemGroup Condition="{(withPii ? "true" : "false")}">
                <Reference Include="Octopus.Privacy" HintPath="{libraryPath}" />
                <Reference Include="Octopus.Privacy.Annotations" HintPath="{Path.Combine(Path.GetDirectoryName(libraryPath)!, "Octopus.Privacy.Annotations.dll")}" />
              </ItemGroup>
              <PropertyGroup>
                <PrivacyAnalyzerPath Condition="'$(PrivacyAnalyzerPath)' == ''">{analyzerPath}</PrivacyAnalyzerPath>
              </PropertyGroup>
              <ItemGroup Condition="'$(WithPrivacyAnalyzer)' == 'true'">
                <Analyzer Include="$(PrivacyAnalyzerPath)" />
              </ItemGroup>
            </Project>
            """);

        var lines = 0;
        if (!withPii)
        {
            // The same code with a home-grown guard: a compilation that references no PII attribute at all.
            lines += Write(directory, "Privacy.cs", """
                namespace Synthetic.Privacy;

                public sealed record DataUseRequest(string[] Categories, string Purpose, string Recipient);

                public interface IPrivacyGuard { bool IsPermitted(DataUseRequest request); }
                """);
        }

        var models = Math.Max(1, files / 10);
        for (var m = 0; m < models; m++)
        {
            lines += Write(directory, $"Model{m}.cs", Model(m, withPii));
        }

        for (var s = 0; s < files - models; s++)
        {
            lines += Write(directory, $"Service{s}.cs", Service(s, models, withPii));
        }

        return lines;
    }

    private static int Write(string directory, string name, string text)
    {
        File.WriteAllText(Path.Combine(directory, name), text);
        return text.Count(c => c == '\n');
    }

    private static string Model(int index, bool withPii)
    {
        var pii = (string category) => withPii ? $"[Octopus.Privacy.Pii(\"{category}\")] " : string.Empty;
        var text = new StringBuilder();
        text.AppendLine("namespace Synthetic.Models;").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"public sealed class Customer{index}").AppendLine("{");
        text.AppendLine("    public int Id { get; set; }");
        text.AppendLine(CultureInfo.InvariantCulture, $"    {pii("identity.name")}public string Name {{ get; set; }} = \"\";");
        text.AppendLine(CultureInfo.InvariantCulture, $"    {pii("contact.email")}public string Email {{ get; set; }} = \"\";");
        text.AppendLine(CultureInfo.InvariantCulture, $"    {pii("contact.address")}public string Address {{ get; set; }} = \"\";");
        text.AppendLine("    public string Segment { get; set; } = \"\";");
        text.AppendLine("    public decimal Balance { get; set; }");
        text.AppendLine("}").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"public sealed class Order{index}").AppendLine("{");
        text.AppendLine("    public int Number { get; set; }");
        text.AppendLine(CultureInfo.InvariantCulture, $"    public Customer{index} Buyer {{ get; set; }} = new();");
        text.AppendLine(CultureInfo.InvariantCulture, $"    {pii("shipment.address")}public string ShipTo {{ get; set; }} = \"\";");
        text.AppendLine("    public decimal Total { get; set; }");
        text.AppendLine("}");
        for (var i = 0; i < 8; i++)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"public sealed record Line{index}_{i}(int Sku, int Quantity, decimal Price);");
        }

        return text.ToString();
    }

    private static string Service(int index, int models, bool withPii)
    {
        var model = index % models;
        var text = new StringBuilder();
        text.AppendLine("using System.Net.Http.Json;");
        text.AppendLine("using Microsoft.Extensions.Logging;");
        text.AppendLine(withPii ? "using Octopus.Privacy;" : "using Synthetic.Privacy;");
        text.AppendLine("using Synthetic.Models;").AppendLine();
        text.AppendLine("namespace Synthetic.Services;").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"public sealed class Service{index}(ILogger<Service{index}> logger, IPrivacyGuard guard, HttpClient http)").AppendLine("{");
        for (var m = 0; m < 6; m++)
        {
            var customer = $"Customer{model}";
            text.AppendLine(CultureInfo.InvariantCulture, $"    public async Task<int> Handle{m}Async({customer} customer, Order{model} order, DataUseRequest request, CancellationToken cancellationToken)");
            text.AppendLine("    {");
            text.AppendLine("        var total = 0m;");
            text.AppendLine("        for (var i = 0; i < 3; i++)");
            text.AppendLine("        {");
            text.AppendLine("            total += order.Total * i;");
            text.AppendLine("        }");
            text.AppendLine();
            text.AppendLine("        logger.LogInformation(\"Order {Number} for customer {Id}: {Total}\", order.Number, customer.Id, total);");
            text.AppendLine("        var summary = $\"{customer.Segment}/{order.Number}\";");
            text.AppendLine("        if (guard.IsPermitted(request))");
            text.AppendLine("        {");
            text.AppendLine("            logger.LogInformation(\"Mail {Email} about {Summary}\", customer.Email, summary);");
            text.AppendLine("            await http.PostAsJsonAsync(\"https://partner.example/orders\", new { customer.Name, order.ShipTo }, cancellationToken);");
            text.AppendLine("        }");
            text.AppendLine("        else");
            text.AppendLine("        {");
            text.AppendLine("            logger.LogDebug(\"Consent missing for {Id}\", customer.Id);");
            text.AppendLine("        }");
            text.AppendLine();
            text.AppendLine("        var label = customer.Balance > 100 ? \"gold\" : \"standard\";");
            text.AppendLine("        await http.PostAsJsonAsync(\"https://partner.example/stats\", new { label, total }, cancellationToken);");
            if (withPii && index % 25 == 0 && m == 0)
            {
                text.AppendLine("        logger.LogWarning(\"Unchecked {Address}\", customer.Address); // a leak the analyzer reports");
            }

            text.AppendLine("        return order.Number;");
            text.AppendLine("    }").AppendLine();
        }

        text.AppendLine("}");
        return text.ToString();
    }
}
