using DossierWorkflow.Testing;

[assembly: AssemblyFixture(typeof(PostgresCluster))]
[assembly: AssemblyFixture(typeof(S3Server))]
[assembly: AssemblyFixture(typeof(SmtpServer))]

// Each test runs several instances of the host and shakes them: one at a time, on two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
