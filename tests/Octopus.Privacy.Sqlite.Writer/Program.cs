using System.Globalization;
using Octopus.Privacy;
using Octopus.Privacy.Sqlite;

// Octopus.Privacy.Sqlite.Writer append FILE NAME APPENDS TASKS
//   appends APPENDS single changes over 100 subjects from TASKS concurrent tasks, then prints "done".
// Octopus.Privacy.Sqlite.Writer batches FILE NAME
//   appends batches of three changes for subjects NAME-1, NAME-2... forever, printing "ack SUBJECT VERSION POSITION"
//   after each append returned, until the process is killed.
// Octopus.Privacy.Sqlite.Writer erase FILE SUBJECT
//   prints "erasing", erases SUBJECT, then prints "erased RECORDS" (the crash test kills it in between).
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: append FILE NAME APPENDS TASKS | batches FILE NAME | erase FILE SUBJECT");
    return 2;
}

await using var ledger = new SqliteConsentLedger($"Data Source={args[1]}");
var name = args[2];
switch (args[0])
{
    case "append":
        var appends = int.Parse(args[3], CultureInfo.InvariantCulture);
        var tasks = int.Parse(args[4], CultureInfo.InvariantCulture);
        await Task.WhenAll(Enumerable.Range(0, tasks).Select(task => Task.Run(async () =>
        {
            for (var i = task; i < appends; i += tasks)
            {
                await ledger.AppendAsync("subject-" + (i % 100), [i % 2 == 0 ? ConsentChange.Grant("ads") : ConsentChange.Withdraw("ads")], new ConsentAppendOptions { Source = name });
            }
        })));
        Console.WriteLine("done");
        return 0;

    case "batches":
        for (var i = 1; ; i++)
        {
            var subject = $"{name}-{i}";
            var result = await ledger.AppendAsync(subject, [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads"), ConsentChange.Withdraw("news")]);
            Console.Out.WriteLine($"ack {subject} {result.Version} {result.Position}");
            Console.Out.Flush();
        }

    case "erase":
        Console.Out.WriteLine("erasing");
        Console.Out.Flush();
        var erased = await ledger.EraseAsync(name, "erasure interrupted by the crash test");
        Console.Out.WriteLine($"erased {erased.RecordsErased}");
        return 0;

    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'");
        return 2;
}
