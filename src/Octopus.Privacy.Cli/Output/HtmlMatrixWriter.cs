using System.Net;
using Octopus.Privacy.Cli.Matrix;

namespace Octopus.Privacy.Cli.Output;

/// <summary>
/// The decision table as one self-contained HTML page: no scripts, fonts or styles from anywhere else. One table per
/// consent situation, rows by category and purpose, a column per recipient; cells coloured permit / permit with
/// obligations / deny, with the reason, rule and clause on hover, and readable when printed in black and white.
/// </summary>
internal static class HtmlMatrixWriter
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem; color: #1b1b1b; }
        h1 { font-size: 1.4rem; margin-bottom: .25rem; }
        h2 { font-size: 1.1rem; margin-top: 2rem; }
        p.meta { color: #444; margin-top: 0; }
        .legend span { display: inline-block; padding: .1rem .5rem; margin-right: .5rem; border: 1px solid #999; }
        table { border-collapse: collapse; font-size: .78rem; }
        th, td { border: 1px solid #b5b5b5; padding: .15rem .4rem; text-align: left; vertical-align: top; }
        thead th { background: #eceff3; position: sticky; top: 0; }
        tbody th { background: #f7f8fa; font-weight: 600; }
        .permit { background: #cdeed6; }
        .obligations { background: #fbe7a6; }
        .deny { background: #f6cfcd; }
        td { cursor: help; white-space: nowrap; }
        @page { size: landscape; margin: 10mm; }
        @media print {
          body { margin: 0; font-size: 8pt; }
          table { width: 100%; font-size: 7pt; }
          td { white-space: normal; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          section { break-before: page; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; }
          thead th { position: static; }
        }
        """;

    public static void Write(DecisionMatrix matrix, TextWriter output)
    {
        var policy = matrix.Policy;
        output.WriteLine("<!DOCTYPE html>");
        output.WriteLine("<html lang=\"en\">");
        output.WriteLine("<head>");
        output.WriteLine("<meta charset=\"utf-8\">");
        output.WriteLine($"<title>{Encode(policy.Name)} {Encode(policy.Version)}: who may receive what</title>");
        output.WriteLine($"<style>\n{Style}\n</style>");
        output.WriteLine("</head>");
        output.WriteLine("<body>");
        output.WriteLine($"<h1>{Encode(policy.Name)} {Encode(policy.Version)}: who may receive what</h1>");
        output.WriteLine($"<p class=\"meta\">{matrix.Count} request classes: {matrix.Categories.Count} categories &times; {matrix.Purposes.Count} purposes &times; {matrix.Recipients.Count} recipients &times; {ConsentSituations.All.Length} consent situations. Hover over a cell for the reason, the deciding rule and the clause of the policy it cites.</p>");
        output.WriteLine("<p class=\"legend\"><span class=\"permit\">permit</span><span class=\"obligations\">permit with obligations</span><span class=\"deny\">deny: reason</span> Reasons: <i>forbidden</i> by a rule, whatever the consent; <i>needs opt-in</i>; <i>not accepted</i>: the policy was not accepted; <i>withdrawn</i>: the person withdrew the purpose; <i>no rule</i> permits it.</p>");

        foreach (var situation in ConsentSituations.All)
        {
            var permits = 0;
            var total = 0;
            for (var c = 0; c < matrix.Categories.Count; c++)
            {
                for (var p = 0; p < matrix.Purposes.Count; p++)
                {
                    for (var r = 0; r < matrix.Recipients.Count; r++)
                    {
                        total++;
                        permits += matrix[c, p, r, situation].IsPermitted ? 1 : 0;
                    }
                }
            }

            output.WriteLine($"<section id=\"{situation.Key()}\">");
            output.WriteLine($"<h2>Consent: {Encode(situation.Label())} &mdash; {permits} of {total} permitted</h2>");
            output.WriteLine("<table>");
            output.Write("<thead><tr><th scope=\"col\">category</th><th scope=\"col\">purpose</th>");
            foreach (var recipient in matrix.Recipients)
            {
                output.Write($"<th scope=\"col\">{Encode(recipient)}</th>");
            }

            output.WriteLine("</tr></thead>");
            output.WriteLine("<tbody>");
            for (var c = 0; c < matrix.Categories.Count; c++)
            {
                for (var p = 0; p < matrix.Purposes.Count; p++)
                {
                    output.Write("<tr>");
                    if (p == 0)
                    {
                        output.Write($"<th scope=\"rowgroup\" rowspan=\"{matrix.Purposes.Count}\">{Encode(matrix.Categories[c])}</th>");
                    }

                    output.Write($"<th scope=\"row\">{Encode(matrix.Purposes[p])}</th>");
                    for (var r = 0; r < matrix.Recipients.Count; r++)
                    {
                        var decision = matrix[c, p, r, situation];
                        var css = !decision.IsPermitted ? "deny" : decision.Obligations.Count > 0 ? "obligations" : "permit";
                        var requestClass = $"{matrix.Categories[c]}|{matrix.Purposes[p]}|{matrix.Recipients[r]}|{situation.Key()}";
                        output.Write($"<td class=\"{css}\" data-class=\"{Encode(requestClass)}\" title=\"{Encode(DecisionText.Detail(decision) + "\n" + decision.Explanation)}\">{Encode(DecisionText.Compact(decision))}</td>");
                    }

                    output.WriteLine("</tr>");
                }
            }

            output.WriteLine("</tbody>");
            output.WriteLine("</table>");
            output.WriteLine("</section>");
        }

        output.WriteLine("</body>");
        output.WriteLine("</html>");
    }

    /// <summary>HTML-encoded, with control and formatting characters from the policy shown as <c>\uXXXX</c>; line breaks the page writes kept.</summary>
    private static string Encode(string text) => WebUtility.HtmlEncode(string.Join('\n', text.Split('\n').Select(CliText.Printable)));
}
