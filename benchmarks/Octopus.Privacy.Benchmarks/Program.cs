using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Octopus.Privacy.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
