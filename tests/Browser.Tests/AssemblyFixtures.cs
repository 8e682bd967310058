using DossierWorkflow.Testing;

[assembly: AssemblyFixture(typeof(SmtpServer))]
