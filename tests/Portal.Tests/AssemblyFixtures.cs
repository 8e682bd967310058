using DossierWorkflow.Testing;

[assembly: AssemblyFixture(typeof(PostgresCluster))]
