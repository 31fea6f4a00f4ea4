using System.Globalization;
using Octopus.Privacy;
using Octopus.Privacy.PostgreSql;

// Octopus.Privacy.PostgreSql.Writer append CONNECTION SCHEMA NAME APPENDS TASKS
//   appends APPENDS single changes over 100 subjects from TASKS concurrent tasks, then prints "done".
// Octopus.Privacy.PostgreSql.Writer create CONNECTION SCHEMA START
//   waits until the system clock reaches START (UTC ticks), then makes the ledger create or check its schema, and
//   prints "version N" with the version of a first subject read back.
// Octopus.Privacy.PostgreSql.Writer erase CONNECTION SCHEMA SUBJECT
//   prints "erasing", erases SUBJECT, then prints "erased RECORDS" (the crash test kills it in between).
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: append CONNECTION SCHEMA NAME APPENDS TASKS | create CONNECTION SCHEMA START | erase CONNECTION SCHEMA SUBJECT");
    return 2;
}

await using var ledger = new PostgreSqlConsentLedger(args[1], new PostgreSqlConsentLedgerOptions { Schema = args[2], ListenForChanges = false }, null);
switch (args[0])
{
    case "append":
        var name = args[3];
        var appends = int.Parse(args[4], CultureInfo.InvariantCulture);
        var tasks = int.Parse(args[5], CultureInfo.InvariantCulture);
        await Task.WhenAll(Enumerable.Range(0, tasks).Select(task => Task.Run(async () =>
        {
            for (var i = task; i < appends; i += tasks)
            {
                await ledger.AppendAsync("subject-" + (i % 100), [i % 2 == 0 ? ConsentChange.Grant("ads") : ConsentChange.Withdraw("ads")], new ConsentAppendOptions { Source = name });
            }
        })));
        Console.WriteLine("done");
        return 0;

    case "create":
        var start = new DateTime(long.Parse(args[3], CultureInfo.InvariantCulture), DateTimeKind.Utc);
        while (DateTime.UtcNow < start)
        {
            Thread.SpinWait(100);
        }

        var snapshot = await ledger.GetAsync("first");
        Console.WriteLine($"version {snapshot.Version}");
        return 0;

    case "erase":
        Console.Out.WriteLine("erasing");
        Console.Out.Flush();
        var erased = await ledger.EraseAsync(args[3], "erasure interrupted by the crash test");
        Console.Out.WriteLine($"erased {erased.RecordsErased}");
        return 0;

    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'");
        return 2;
}
