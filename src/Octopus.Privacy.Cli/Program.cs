using Octopus.Privacy.Cli;

return CliApplication.Run(args, Console.Out, Console.Error);
