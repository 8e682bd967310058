using DossierWorkflow.Testing;

[assembly: AssemblyFixture(typeof(PostgresCluster))]
[assembly: AssemblyFixture(typeof(S3Server))]
[assembly: AssemblyFixture(typeof(SmtpServer))]
