using System.CommandLine;
using System.Text.Json;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Commands;

/// <summary><c>explain</c>: decide one request and say why. Exit 0 for permit, 3 for deny.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var categories = new Option<string[]>("--category") { Description = "A data category of the request; repeat for several.", Required = true, HelpName = "C" };
        var purpose = new Option<string>("--purpose") { Description = "The purpose of the use.", Required = true, HelpName = "P" };
        var recipient = new Option<string>("--recipient") { Description = "Who receives the data.", Required = true, HelpName = "R" };
        var accepted = new Option<string?>("--accepted") { Description = "The policy version the person accepted.", HelpName = "VERSION" };
        var grants = new Option<string[]>("--grant") { Description = "A purpose the person explicitly granted; repeatable.", HelpName = "P" };
        var withdrawals = new Option<string[]>("--withdraw") { Description = "A purpose the person withdrew (applied after grants); repeatable.", HelpName = "P" };
        var json = new Option<bool>("--json") { Description = "Write the decision as JSON." };

        var command = new Command("explain", "Decide one use of data and explain the decision: reason, deciding rule, obligations and the clause it cites. Exit code 0 for permit, 3 for deny.")
        {
            categories, purpose, recipient, accepted, grants, withdrawals, json,
        };
        command.SetAction(parse =>
        {
            var policy = context.PolicyFrom(parse);
            var request = new RequestDescription(
                parse.GetValue(categories) ?? [],
                parse.GetRequiredValue(purpose),
                parse.GetRequiredValue(recipient),
                new ConsentDescription(parse.GetValue(accepted), parse.GetValue(grants) ?? [], parse.GetValue(withdrawals) ?? []));
            CheckNames(policy, request);

            var consent = ConsentState.Create(request.Consent.Accepted, request.Consent.Granted, request.Consent.Withdrawn);
            var decision = policy.Evaluate(new DataUseRequest(request.Categories, request.Purpose, request.Recipient) { Consent = consent });

            if (parse.GetValue(json))
            {
                var result = new ExplainResult(
                    new PolicyIdentity(policy.Name, policy.Version),
                    request,
                    decision.IsPermitted,
                    decision.Reason.ToString(),
                    decision.RuleId,
                    decision.Clause,
                    decision.Obligations,
                    decision.Explanation);
                context.Output.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Writer.ExplainResult));
            }
            else
            {
                var output = context.Output;
                output.WriteLine($"Decision:    {(decision.IsPermitted ? "permit" : "deny")}");
                output.WriteLine($"Reason:      {decision.Reason}");
                output.WriteLine($"Rule:        {CliText.Printable(decision.RuleId ?? "(none)")}");
                output.WriteLine($"Clause:      {CliText.Printable(decision.Clause ?? "(none)")}");
                output.WriteLine($"Obligations: {(decision.Obligations.Count == 0 ? "(none)" : CliText.Printable(string.Join(", ", decision.Obligations)))}");
                output.WriteLine(CliText.Printable(decision.Explanation));
            }

            return decision.IsPermitted ? ExitCodes.Success : ExitCodes.Denied;
        });
        return command;
    }

    internal static void CheckNames(PrivacyPolicy policy, RequestDescription request)
    {
        if (request.Consent.Accepted is { } version && string.IsNullOrWhiteSpace(version))
        {
            throw new CliException("--accepted needs a policy version, such as --accepted 1.0; leave it out when nothing was accepted.");
        }

        foreach (var (option, values) in new[] { ("--category", request.Categories), ("--grant", request.Consent.Granted), ("--withdraw", request.Consent.Withdrawn) })
        {
            if (values.Any(string.IsNullOrWhiteSpace))
            {
                throw new CliException($"{option} needs a name; an empty value was given.");
            }
        }

        foreach (var category in request.Categories)
        {
            Known(category, policy.Categories.Select(c => c.Name), "category");
        }

        foreach (var purpose in request.Consent.Granted.Concat(request.Consent.Withdrawn).Prepend(request.Purpose))
        {
            Known(purpose, policy.Purposes.Select(p => p.Name), "purpose");
        }

        Known(request.Recipient, policy.Recipients.Select(r => r.Name), "recipient");
    }

    private static void Known(string name, IEnumerable<string> declared, string kind)
    {
        var names = declared.ToList();
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            throw new CliException($"unknown {kind} '{name}'; the policy declares: {string.Join(", ", names)}.");
        }
    }
}
