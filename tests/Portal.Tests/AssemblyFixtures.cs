using DossierWorkflow.Testing;

[assembly: AssemblyFixture(typeof(PostgresCluster))]
[assembly: AssemblyFixture(typeof(SmtpServer))]
