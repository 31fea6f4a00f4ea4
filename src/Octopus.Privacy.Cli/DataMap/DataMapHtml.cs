using System.Globalization;
using System.Net;
using System.Text;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.DataMap;

/// <summary>
/// The data map as one self-contained HTML page: nothing loaded from anywhere (a content security policy says so),
/// readable without scripts (three plain tables), and where scripts run, each table sorts by a click on its headings and
/// filters by the text typed above it (and the sites by verdict). Each site links to its file and line.
/// </summary>
internal static class DataMapHtml
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem; color: #16181d; }
        h1 { font-size: 1.35rem; margin: 0 0 .3rem; }
        h2 { font-size: 1.05rem; margin: 1.8rem 0 .4rem; }
        .summary { color: #3d4350; margin: 0 0 1rem; }
        .filters { margin: .3rem 0 .5rem; display: flex; gap: .6rem; align-items: center; font-size: .85rem; }
        .filters[hidden] { display: none; }
        .filters input, .filters select { font: inherit; padding: .15rem .35rem; }
        table.map { border-collapse: collapse; font-size: .8rem; width: 100%; }
        table.map th, table.map td { border: 1px solid #c3c7cf; padding: .2rem .45rem; text-align: left; vertical-align: top; }
        table.map thead th { background: #e9ecf2; user-select: none; }
        table.map thead th[data-sorted] { background: #d5dbe7; }
        .verdict-finding { background: #f6d2cf; }
        .verdict-policy-conflict { background: #fbe3a4; }
        .verdict-guarded { background: #d3efd9; }
        .verdict-redacted { background: #dde6f5; }
        .permitted-yes { background: #d3efd9; }
        .permitted-no { background: #f6d2cf; }
        code { font-size: .95em; }
        """;

    private const string Script = """
        (function () {
          function text(cell) { return (cell && cell.getAttribute('data-sort')) || (cell ? cell.textContent.trim() : ''); }
          document.querySelectorAll('table.map').forEach(function (table) {
            var body = table.tBodies[0];
            var filter = document.getElementById(table.id + '-filter');
            var verdict = document.getElementById(table.id + '-verdict');
            function apply() {
              var needle = filter ? filter.value.toLowerCase() : '';
              var wanted = verdict ? verdict.value : '';
              Array.prototype.forEach.call(body.rows, function (row) {
                var shown = (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0)
                  && (!wanted || row.getAttribute('data-verdict') === wanted);
                row.hidden = !shown;
              });
            }
            if (filter) { filter.addEventListener('input', apply); }
            if (verdict) { verdict.addEventListener('change', apply); }
            Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading, column) {
              heading.style.cursor = 'pointer';
              heading.title = 'Sort by ' + heading.textContent.trim();
              heading.addEventListener('click', function () {
                var descending = heading.getAttribute('data-sorted') === 'ascending';
                Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('data-sorted'); });
                heading.setAttribute('data-sorted', descending ? 'descending' : 'ascending');
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = text(a.cells[column]), y = text(b.cells[column]);
                  var order = x.localeCompare(y, undefined, { numeric: true });
                  return descending ? -order : order;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              });
            });
          });
        })();
        """;

    /// <summary>Writes the page. Links to files are relative to <paramref name="linkBase"/>, the folder the page is written to.</summary>
    public static byte[] Write(DataMapDocument map, string root, string linkBase)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append($"<title>Data map: {Encode(map.PolicyName)} {Encode(map.PolicyVersion)}</title>\n<style>\n{Style}</style>\n</head>\n<body>\n");
        html.Append($"<h1>Data map, checked against {Encode(map.PolicyName)} {Encode(map.PolicyVersion)}</h1>\n");
        html.Append($"<p class=\"summary\">{map.Sources.Count} members hold personal data; {map.Sites.Count} sites log or share it ({Encode(map.VerdictCounts)}).</p>\n");

        html.Append("<h2 id=\"sites-heading\">Sites: where personal data is logged or shared</h2>\n");
        Filters(html, "sites", withVerdict: true);
        html.Append("<table class=\"map\" id=\"sites\" aria-labelledby=\"sites-heading\">\n<thead><tr><th>Site</th><th>Member</th><th>Categories</th><th>Sink</th><th>Recipient</th><th>Guarded by</th><th>Verdict</th><th>Rule</th></tr></thead>\n<tbody>\n");
        foreach (var site in map.Sites)
        {
            html.Append($"<tr class=\"verdict-{site.Verdict}\" data-verdict=\"{site.Verdict}\" data-site=\"{Encode(site.Place)}\">");
            html.Append($"<td data-sort=\"{SortKey(site.File, site.Line)}\"><a href=\"{Encode(Link(root, linkBase, site.File, site.Line))}\">{Encode(site.Place)}</a></td>");
            html.Append($"<td><code>{Encode(site.Member)}</code></td><td>{Encode(string.Join(", ", site.Categories))}</td>");
            html.Append($"<td>{Encode(site.Sink)}: <code>{Encode(site.SinkName)}</code></td><td>{Encode(site.Recipient ?? "(not named)")}</td>");
            html.Append($"<td>{Encode(site.GuardedBy.Count == 0 ? "-" : string.Join(", ", site.GuardedBy))}</td><td>{Encode(site.Verdict)}</td><td>{Encode(site.Diagnostic ?? "-")}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");

        html.Append("<h2 id=\"processing-heading\">Records of processing: purpose, categories, recipients, and what the policy says</h2>\n");
        Filters(html, "processing", withVerdict: false);
        html.Append("<table class=\"map\" id=\"processing\" aria-labelledby=\"processing-heading\">\n<thead><tr><th>Purpose</th><th>Category</th><th>Recipient</th><th>Policy permits (with consent)</th><th>Sites</th></tr></thead>\n<tbody>\n");
        foreach (var row in map.Processing)
        {
            var (css, permitted) = row.Permitted switch
            {
                true => ("permitted-yes", "yes"),
                false => ("permitted-no", "no"),
                null => (string.Empty, "cannot tell"),
            };
            html.Append($"<tr class=\"{css}\"><td>{Encode(row.Purpose ?? "(no consent check)")}</td><td>{Encode(row.Category)}</td><td>{Encode(row.Recipient ?? "(not named)")}</td>");
            html.Append($"<td title=\"{Encode(row.Reason)}\">{permitted}: {Encode(row.Reason)}</td><td>{Encode(string.Join(", ", row.Sites))}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");

        html.Append("<h2 id=\"sources-heading\">Personal data: the members that hold it</h2>\n");
        Filters(html, "sources", withVerdict: false);
        html.Append("<table class=\"map\" id=\"sources\" aria-labelledby=\"sources-heading\">\n<thead><tr><th>Member</th><th>Category</th><th>Declared at</th></tr></thead>\n<tbody>\n");
        foreach (var source in map.Sources)
        {
            var place = source.File + ":" + source.Line.ToString(CultureInfo.InvariantCulture);
            html.Append($"<tr><td><code>{Encode(source.Member)}</code></td><td>{Encode(source.Category)}</td><td data-sort=\"{SortKey(source.File, source.Line)}\"><a href=\"{Encode(Link(root, linkBase, source.File, source.Line))}\">{Encode(place)}</a></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        html.Append($"<script>\n{Script}</script>\n</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    private static void Filters(StringBuilder html, string table, bool withVerdict)
    {
        // Shown only where scripts run: without them the filters would do nothing.
        html.Append($"<div class=\"filters\" hidden id=\"{table}-filters\"><label>Filter <input type=\"search\" id=\"{table}-filter\" placeholder=\"any text\"></label>");
        if (withVerdict)
        {
            html.Append($"<label>Verdict <select id=\"{table}-verdict\"><option value=\"\">all</option>");
            foreach (var verdict in DataMapDocument.Verdicts)
            {
                html.Append($"<option>{verdict}</option>");
            }

            html.Append("</select></label>");
        }

        html.Append($"</div>\n<script>document.getElementById('{table}-filters').hidden = false;</script>\n");
    }

    /// <summary>How a place sorts: by file, then by line as a number.</summary>
    private static string SortKey(string file, int line) => Encode(file) + ":" + line.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>A link from the page's folder to the file, with the line as a fragment (<c>Mailer.cs#L21</c>).</summary>
    private static string Link(string root, string linkBase, string file, int line)
    {
        var target = Path.GetRelativePath(linkBase, Path.GetFullPath(Path.Combine(root, file))).Replace('\\', '/');
        var escaped = string.Join('/', target.Split('/').Select(Uri.EscapeDataString));
        return escaped + "#L" + line.ToString(CultureInfo.InvariantCulture);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(CliText.Printable(text));
}
