using Microsoft.Playwright;

namespace Octopus.Privacy.Cli.Tests.DataMap;

/// <summary>
/// The data map's HTML page in a real browser: Debian's Chromium, headless, driven by Microsoft.Playwright. The page
/// loads with no console error and no request beyond its own file, shows every site of the JSON map, filters and sorts
/// where scripts run, and is whole where they do not. The test leaves a screenshot beside the page (docs/data-map.md).
/// </summary>
[Collection(DataMapFixture.Collection)]
public sealed class DataMapPageTests(DataMapFixture sample)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_page_loads_offline_with_every_site_and_filters_and_sorts()
    {
        Assert.True(sample.HtmlRun.ExitCode == 0, sample.HtmlRun.Error + sample.HtmlRun.Output);
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does).");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Request += (_, request) => requests.Add(request.Url);

        var url = new Uri(sample.HtmlPath).AbsoluteUri;
        await page.GotoAsync(url);

        Assert.Empty(errors);
        Assert.Equal([url], requests.Distinct());

        // Every site of the JSON map is a row of the page.
        var expected = sample.Sites.Select(s => $"{s.GetProperty("file").GetString()}:{s.GetProperty("line").GetInt32()}").Order(StringComparer.Ordinal).ToList();
        var shown = (await page.Locator("#sites tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-site'))")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, shown);

        // Each site links to its file and line, relative to the page.
        Assert.Equal("Shop.Services/Welcome.cs#L13", await page.Locator("#sites tr[data-site='Shop.Services/Welcome.cs:13'] a").GetAttributeAsync("href"));

        await page.ScreenshotAsync(new() { Path = Path.Combine(sample.Directory, "data-map.png"), FullPage = true });
        if (Environment.GetEnvironmentVariable("OCTOPUS_PRIVACY_DATA_MAP_SCREENSHOT") is { Length: > 0 } copy)
        {
            File.Copy(Path.Combine(sample.Directory, "data-map.png"), copy, overwrite: true);
        }

        // Filtering by text, then by verdict.
        await page.FillAsync("#sites-filter", "Offers.cs");
        Assert.Equal(expected.Count(s => s.StartsWith("Shop.Services/Offers.cs", StringComparison.Ordinal)), await page.Locator("#sites tbody tr:visible").CountAsync());
        await page.FillAsync("#sites-filter", string.Empty);
        await page.SelectOptionAsync("#sites-verdict", "guarded");
        Assert.Equal(["Shop.Services/Offers.cs:15"], await page.Locator("#sites tbody tr:visible").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-site'))"));
        await page.SelectOptionAsync("#sites-verdict", string.Empty);
        Assert.Equal(expected.Count, await page.Locator("#sites tbody tr:visible").CountAsync());

        // Sorting by a heading: verdicts in order, then reversed.
        await page.ClickAsync("#sites thead th:has-text('Verdict')");
        var verdicts = await page.Locator("#sites tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-verdict'))");
        Assert.Equal(verdicts.Order(StringComparer.Ordinal), verdicts);
        await page.ClickAsync("#sites thead th:has-text('Verdict')");
        verdicts = await page.Locator("#sites tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-verdict'))");
        Assert.Equal(verdicts.OrderDescending(StringComparer.Ordinal), verdicts);

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Without_scripts_the_page_shows_every_table_whole_and_no_filter_that_would_do_nothing()
    {
        Assert.True(sample.HtmlRun.ExitCode == 0, sample.HtmlRun.Error + sample.HtmlRun.Output);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(sample.HtmlPath).AbsoluteUri);

        Assert.Equal(sample.Sites.Count(), await page.Locator("#sites tbody tr:visible").CountAsync());
        Assert.True(await page.Locator("#processing tbody tr:visible").CountAsync() > 0);
        Assert.Equal(2, await page.Locator("#sources tbody tr:visible").CountAsync());
        Assert.False(await page.Locator("#sites-filters").IsVisibleAsync());
    }
}
