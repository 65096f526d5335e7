using BenchmarkDotNet.Running;

// Micro-benchmarks of the engine's parts: `dotnet run -c Release --project bench/Zinc.Benchmarks -- --filter '*'`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
