using Tenure.Testing;

[assembly: AssemblyFixture(typeof(PostgresServer))]
