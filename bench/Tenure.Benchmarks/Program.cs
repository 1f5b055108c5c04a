using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Tenure.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Tenure.Benchmarks.Metrics.MetricEngineBenchmarks).Assembly).Run(args);
