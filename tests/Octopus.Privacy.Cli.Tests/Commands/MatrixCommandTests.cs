using System.Text.RegularExpressions;

namespace Octopus.Privacy.Cli.Tests.Commands;

public sealed class MatrixCommandTests
{
    private static readonly PrivacyPolicy Policy = PrivacyPolicy.OctopusGroup;
    private static readonly int Classes = Policy.Categories.Count * Policy.Purposes.Count * Policy.Recipients.Count * 4;

    [Fact]
    public void Text_has_a_line_per_category_purpose_and_recipient_with_four_consent_situations()
    {
        var result = CliRun.InProcess("matrix");

        Assert.Equal(0, result.ExitCode);
        var rows = result.OutputLines.Where(l => Regex.IsMatch(l, @"^[a-z]")).Skip(1).ToArray();
        Assert.Equal(Policy.Categories.Count * Policy.Purposes.Count * Policy.Recipients.Count, rows.Length);
        var row = Assert.Single(rows, r => Regex.IsMatch(r, @"^contact\.email\s+marketing\.offers\s+processor\s"));
        Assert.Matches(@"deny: ConsentRequired\s+deny: ConsentRequired\s+permit \(contract-required\)\s+deny: ConsentWithdrawn$", row);
    }

    [Fact]
    public void Markdown_is_a_table_with_a_row_per_category_purpose_and_recipient()
    {
        var result = CliRun.InProcess("matrix", "--format", "markdown");

        Assert.Equal(0, result.ExitCode);
        var rows = result.OutputLines.Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(1 + (Classes / 4), rows.Length);
        Assert.Contains("| aggregate | advertising.tailored | associate | permit | permit | permit | permit |", rows);
    }

    [Fact]
    public void Html_has_one_cell_per_request_class_and_is_self_contained()
    {
        using var run = new CliRun();
        var file = Path.Combine(run.Directory, "matrix.html");

        var result = CliRun.InProcess("matrix", "--format", "html", "--output", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Wrote {Classes} request classes", result.Output, StringComparison.Ordinal);
        var html = File.ReadAllText(file);
        var cells = Regex.Matches(html, "<td class=\"(permit|obligations|deny)\" data-class=\"([^\"]+)\" title=\"([^\"]+)\">([^<]+)</td>");
        Assert.Equal(Classes, cells.Count);
        Assert.Equal(Classes, cells.Select(c => c.Groups[2].Value).Distinct().Count());
        Assert.Equal(Classes, Regex.Count(html, "<td"));
        var chat = Assert.Single(cells, c => c.Groups[2].Value == "chat.message|service.provision|public|accepted");
        Assert.Equal("obligations", chat.Groups[1].Value);
        Assert.Contains("Information Sharing: Chat and Social Networks", chat.Groups[3].Value, StringComparison.Ordinal);
        var forbidden = Assert.Single(cells, c => c.Groups[2].Value == "contact.email|advertising.tailored|associate|all-granted");
        Assert.Equal("deny", forbidden.Groups[1].Value);
        Assert.Equal("deny: forbidden", forbidden.Groups[4].Value);
        Assert.StartsWith("Forbidden; rule associates-receive-aggregate-only", forbidden.Groups[3].Value, StringComparison.Ordinal);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=", html);
        Assert.DoesNotMatch("https?://", html);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
    }
}
