using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Octopus.Privacy.Cli.Input;
using Octopus.Privacy.Cli.Output;
using Octopus.Privacy.Sqlite;

namespace Octopus.Privacy.Cli.Commands;

/// <summary>
/// <c>consent</c>: record and read what people agreed to, in a SQLite consent ledger file: <c>accept</c>, <c>grant</c>,
/// <c>withdraw</c>, <c>show</c>, <c>history</c>, <c>audience</c> (the subjects a use is permitted for), and the data
/// subject's rights: <c>export</c> (everything kept about a subject, as JSON) and <c>erase</c>.
/// </summary>
internal static class ConsentCommand
{
    public static Command Create(CliContext context)
    {
        var ledger = new Option<string>("--ledger") { Description = "The SQLite consent ledger file. Recording creates it when missing; reading needs it.", Required = true, HelpName = "FILE", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON.", Recursive = true };
        var command = new Command("consent", "Record and read what people agreed to, in a SQLite consent ledger (see docs/consent-ledger.md).")
        {
            ledger,
            json,
            Change(context, ledger, json, "accept", "VERSION", "Record that a person accepted a version of the privacy policy.", ConsentChange.AcceptPolicy),
            Change(context, ledger, json, "grant", "PURPOSE", "Record that a person explicitly agreed to purposes.", ConsentChange.Grant),
            Change(context, ledger, json, "withdraw", "PURPOSE", "Record that a person took back purposes.", ConsentChange.Withdraw),
            Show(context, ledger, json),
            History(context, ledger, json),
            Audience(context, ledger, json),
            Export(context, ledger),
            Erase(context, ledger, json),
        };
        return command;
    }

    private static Argument<string> SubjectArgument() => new("SUBJECT") { Description = "The subject's id: an internal id, never an e-mail address." };

    private static Command Change(CliContext context, Option<string> ledger, Option<bool> json, string name, string valueName, string description, Func<string, ConsentChange> change)
    {
        var subject = SubjectArgument();
        Argument values = name == "accept"
            ? new Argument<string>(valueName) { Description = "The policy version." }
            : new Argument<string[]>(valueName) { Description = "The purposes, one or more.", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string?>("--source") { Description = "How the consent was captured: web-form, e-mail, api, import...", HelpName = "SOURCE" };
        var evidence = new Option<string?>("--evidence") { Description = "The notice or form the person saw (at most 1,024 characters).", HelpName = "TEXT" };
        var key = new Option<string?>("--idempotency-key") { Description = "Record once even when the command is run again with the same key.", HelpName = "KEY" };
        var occurred = new Option<string?>("--occurred-at") { Description = "When the person acted, ISO 8601 with an offset (2026-11-30T12:00:00Z); at most 5 minutes ahead of this machine's clock. Default: now.", HelpName = "TIME" };
        var command = new Command(name, description) { subject, values, source, evidence, key, occurred };
        command.SetAction(parse => Run(() =>
        {
            var options = new ConsentAppendOptions
            {
                Source = parse.GetValue(source),
                Evidence = parse.GetValue(evidence),
                IdempotencyKey = parse.GetValue(key),
                OccurredAt = parse.GetValue(occurred) is { } text ? Time(text, "--occurred-at") : null,
            };
            var named = values is Argument<string> one ? [parse.GetRequiredValue(one)] : parse.GetValue((Argument<string[]>)values) ?? [];
            var changes = named.Select(change).ToList();
            var id = parse.GetRequiredValue(subject);
            using var store = Open(parse.GetRequiredValue(ledger), write: true, context.PolicyFrom(parse));
            var result = store.AppendAsync(id, changes, options).AsTask().GetAwaiter().GetResult();
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new ConsentAppendOutput(id, result.Version, result.Position, result.Duplicate), CliJsonContext.Writer.ConsentAppendOutput));
            }
            else
            {
                context.Output.WriteLine(result.Duplicate
                    ? $"{CliText.Printable(id)}: already recorded with this idempotency key (version {result.Version}); nothing written."
                    : $"{CliText.Printable(id)}: recorded {changes.Count} change{(changes.Count == 1 ? string.Empty : "s")}; version {result.Version}, position {result.Position}.");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show(CliContext context, Option<string> ledger, Option<bool> json)
    {
        var subject = SubjectArgument();
        var asOf = new Option<string?>("--as-of") { Description = "The state from the records recorded until this time (ISO 8601).", HelpName = "TIME" };
        var command = new Command("show", "Print a subject's current consent (or as of a moment): the accepted policy version and each purpose's status.") { subject, asOf };
        command.SetAction(parse => Run(() =>
        {
            NoPolicy(context, parse, "show");
            var id = parse.GetRequiredValue(subject);
            var moment = parse.GetValue(asOf) is { } text ? Time(text, "--as-of") : (DateTimeOffset?)null;
            using var store = Open(parse.GetRequiredValue(ledger), write: false, policy: null);
            var snapshot = moment is { } at
                ? store.GetAsOfAsync(id, at).AsTask().GetAwaiter().GetResult()
                : store.GetAsync(id).AsTask().GetAwaiter().GetResult();
            var history = Records(store.ReadHistoryAsync(id)).Where(r => r.Version <= snapshot.Version).ToList();
            var purposes = history.Where(r => r.Change.Action != ConsentAction.AcceptPolicy).Select(r => r.Change.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(p => new ConsentPurposeOutput(p, snapshot.State.StatusOf(p) == ConsentStatus.Granted ? "granted" : "withdrawn")).ToList();
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new ConsentShowOutput(id, snapshot.Version, snapshot.State.AcceptedPolicyVersion, purposes, moment), CliJsonContext.Writer.ConsentShowOutput));
                return ExitCodes.Success;
            }

            context.Output.WriteLine($"Subject:  {CliText.Printable(id)}{(moment is { } shown ? $" (as of {shown:O})" : string.Empty)}");
            context.Output.WriteLine($"Version:  {snapshot.Version}{(snapshot.Version == 0 ? " (nothing recorded)" : string.Empty)}");
            context.Output.WriteLine($"Accepted: {CliText.Printable(snapshot.State.AcceptedPolicyVersion ?? "(none)")}");
            context.Output.WriteLine($"Purposes: {(purposes.Count == 0 ? "(none)" : CliText.Printable(string.Join(", ", purposes.Select(p => $"{p.Purpose} {p.Status}"))))}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command History(CliContext context, Option<string> ledger, Option<bool> json)
    {
        var subject = SubjectArgument();
        var command = new Command("history", "Print every record of a subject, in order: what, when, how.") { subject };
        command.SetAction(parse => Run(() =>
        {
            NoPolicy(context, parse, "history");
            var id = parse.GetRequiredValue(subject);
            using var store = Open(parse.GetRequiredValue(ledger), write: false, policy: null);
            var records = Records(store.ReadHistoryAsync(id))
                .Select(r => new ConsentRecordOutput(r.Version, r.Position, Action(r.Change.Action), r.Change.Value, r.OccurredAt, r.RecordedAt, r.Source, r.Evidence)).ToList();
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new ConsentHistoryOutput(id, records), CliJsonContext.Writer.ConsentHistoryOutput));
                return ExitCodes.Success;
            }

            if (records.Count == 0)
            {
                context.Output.WriteLine($"{CliText.Printable(id)}: nothing recorded.");
            }

            foreach (var r in records)
            {
                // Whatever a record holds, it is one line: text that would start another line or rewrite the terminal
                // is shown escaped (the ledger refuses such text, but a file may have been written by other means).
                var how = string.Join(", ", new[] { r.Source, r.Evidence }.Where(x => x is not null).Select(CliText.Printable));
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Version,4}  {r.RecordedAt:yyyy-MM-ddTHH:mm:ssZ}  {r.Action,-8} {CliText.Printable(r.Value)}{(how.Length == 0 ? string.Empty : $"  ({how})")}"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Audience(CliContext context, Option<string> ledger, Option<bool> json)
    {
        var categories = new Option<string[]>("--category") { Description = "A data category of the use; repeat for several.", Required = true, HelpName = "C" };
        var purpose = new Option<string>("--purpose") { Description = "The purpose of the use.", Required = true, HelpName = "P" };
        var recipient = new Option<string>("--recipient") { Description = "Who receives the data.", Required = true, HelpName = "R" };
        var command = new Command("audience", "List the subjects a use of data is permitted for, under the --policy (or the embedded default), one per line.") { categories, purpose, recipient };
        command.SetAction(parse => Run(() =>
        {
            var policy = context.PolicyFrom(parse);
            var request = (Categories: parse.GetValue(categories) ?? [], Purpose: parse.GetRequiredValue(purpose), Recipient: parse.GetRequiredValue(recipient));
            ExplainCommand.CheckNames(policy, new RequestDescription(request.Categories, request.Purpose, request.Recipient, new ConsentDescription(null, [], [])));
            using var store = Open(parse.GetRequiredValue(ledger), write: false, policy: null);
            var subjects = store.FindPermittedSubjectsAsync(policy, request.Categories, request.Purpose, request.Recipient);
            if (parse.GetValue(json))
            {
                var all = Records(subjects).ToList();
                context.Output.WriteLine(JsonSerializer.Serialize(new ConsentAudienceOutput(new PolicyIdentity(policy.Name, policy.Version), request.Categories, request.Purpose, request.Recipient, all), CliJsonContext.Writer.ConsentAudienceOutput));
                return ExitCodes.Success;
            }

            foreach (var subject in Records(subjects))
            {
                context.Output.WriteLine(CliText.Printable(subject));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Option<string> SubjectOption() => new("--subject") { Description = "The subject's id: an internal id, never an e-mail address.", Required = true, HelpName = "ID" };

    private static Command Export(CliContext context, Option<string> ledger)
    {
        var subject = SubjectOption();
        var output = new Option<string?>("--output") { Description = "Write the export to FILE instead of standard output.", HelpName = "FILE" };
        var command = new Command("export", "Write everything the ledger keeps about a subject as one JSON document, for an access request: consent, history with evidence, disclosures, recipients to notify, erasures (see docs/subject-rights.md).") { subject, output };
        command.SetAction(parse => Run(() =>
        {
            NoPolicy(context, parse, "export");
            var id = parse.GetRequiredValue(subject);
            var file = parse.GetValue(output);
            if (file is not null)
            {
                CliFiles.CheckOutput(file, "output file");
            }

            using var store = Open(parse.GetRequiredValue(ledger), write: false, policy: null);
            var export = new SubjectRights(store).ExportAsync(id).AsTask().GetAwaiter().GetResult();
            using var bytes = new MemoryStream();
            export.WriteTo(bytes);
            bytes.WriteByte((byte)'\n');
            if (file is not null)
            {
                File.WriteAllBytes(file, bytes.ToArray());
                context.Output.WriteLine($"{CliText.Printable(id)}: exported {export.History.Count} records, {export.Disclosures.Count} disclosures and {export.Erasures.Count} erasures to {CliText.Printable(file)}.");
            }
            else
            {
                context.Output.Write(System.Text.Encoding.UTF8.GetString(bytes.ToArray()));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Erase(CliContext context, Option<string> ledger, Option<bool> json)
    {
        var subject = SubjectOption();
        var reason = new Option<string>("--reason") { Description = "Why: the request or legal ground (1 to 1,024 characters, never personal data). Kept in the erasure record.", Required = true, HelpName = "TEXT" };
        var command = new Command("erase", "Erase a subject's consent records, evidence, idempotency keys and decision log from the ledger file, and record the erasure (see docs/subject-rights.md). Export first: the export lists the recipients to notify.") { subject, reason };
        command.SetAction(parse => Run(() =>
        {
            NoPolicy(context, parse, "erase");
            var id = parse.GetRequiredValue(subject);
            var path = parse.GetRequiredValue(ledger);

            // Erasing needs a ledger to erase from: a missing file is a mistake, not a new ledger.
            CliFiles.CheckFile(path, "consent ledger");
            using var store = Open(path, write: true, policy: null);
            var erasure = store.EraseAsync(id, parse.GetRequiredValue(reason)).AsTask().GetAwaiter().GetResult();
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new ConsentEraseOutput(id, erasure.ErasedAt, erasure.Reason, erasure.FirstVersion, erasure.LastVersion, erasure.RecordsErased, erasure.DecisionsErased), CliJsonContext.Writer.ConsentEraseOutput));
            }
            else
            {
                context.Output.WriteLine(erasure.RecordsErased == 0
                    ? $"{CliText.Printable(id)}: nothing was recorded; the erasure is recorded ({erasure.DecisionsErased} decision-log entries erased)."
                    : $"{CliText.Printable(id)}: erased records {erasure.FirstVersion} to {erasure.LastVersion} ({erasure.RecordsErased} records) and {erasure.DecisionsErased} decision-log entries; the erasure is recorded.");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Runs a subcommand, turning the ledger's argument and file errors into one line and exit code 2.</summary>
    private static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message.Split(" (Parameter", 2)[0], ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ex.Message, ex);
        }
        catch (ConsentConflictException ex)
        {
            throw new CliException(ex.Message, ex);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            throw new CliException($"The consent ledger cannot be used: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Opens the ledger file: to record (created when missing; purposes and versions checked against the policy), or
    /// to read (never created; a write-protected ledger is read read-only).
    /// </summary>
    private static SqliteConsentLedger Open(string path, bool write, PrivacyPolicy? policy)
    {
        if (write)
        {
            CliFiles.CheckOutput(path, "consent ledger");
        }
        else
        {
            CliFiles.CheckFile(path, "consent ledger");
        }

        var connection = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = path,
            // Reading never creates a file, and SQLite opens a write-protected file read-only by itself; the ledger
            // then reads it and refuses writes.
            Mode = write ? Microsoft.Data.Sqlite.SqliteOpenMode.ReadWriteCreate : Microsoft.Data.Sqlite.SqliteOpenMode.ReadWrite,
        };
        return new SqliteConsentLedger(connection.ToString(), new SqliteConsentLedgerOptions { Policy = policy }, null);
    }

    /// <summary>Refuses <c>--policy</c> where it would change nothing, rather than accept it silently.</summary>
    private static void NoPolicy(CliContext context, ParseResult parse, string command)
    {
        if (parse.GetValue(context.PolicyOption) is not null)
        {
            throw new CliException($"'consent {command}' reads what is recorded and takes no --policy; the policy checks what 'grant', 'withdraw' and 'accept' record, and decides 'audience'.");
        }
    }

    /// <summary>
    /// A moment as ISO 8601 with an offset: <c>2026-11-30T12:00:00Z</c>, <c>2026-11-30T13:00:00.5+01:00</c>. Nothing
    /// else: a local or regional form (<c>12/01/2026</c>) could be read as two different days.
    /// </summary>
    private static DateTimeOffset Time(string text, string option)
    {
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];
        var offset = text.Length > 0 && (text[^1] is 'Z' or 'z' || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'));
        return offset && DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new CliException($"{option}: '{CliText.Printable(text)}' is not an ISO 8601 date and time with an offset; write it as 2026-11-30T12:00:00Z or 2026-11-30T13:00:00+01:00.");
    }

    private static string Action(ConsentAction action) => action switch
    {
        ConsentAction.AcceptPolicy => "accept",
        ConsentAction.Grant => "grant",
        _ => "withdraw",
    };

    private static IEnumerable<T> Records<T>(IAsyncEnumerable<T> items) => items.ToBlockingEnumerable();
}
