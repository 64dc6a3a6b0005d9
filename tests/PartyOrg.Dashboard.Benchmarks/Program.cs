using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/PartyOrg.Dashboard.Benchmarks -- --filter '*'
// The first run seeds the demo province into PARTYORG_BENCH_DATA_DIR (or a temp folder) and computes its aggregates.
BenchmarkSwitcher.FromAssembly(typeof(PartyOrg.Dashboard.Benchmarks.AggregateBenchmarks).Assembly).Run(args);
