using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Tenure.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
