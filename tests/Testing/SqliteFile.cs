namespace DossierWorkflow.Testing;

/// <summary>A real SQLite database file in a temporary directory, deleted when disposed.</summary>
public sealed class SqliteFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dw-sqlite-").FullName;

    public SqliteFile(string name = "test")
    {
        Path = System.IO.Path.Combine(_directory, name + ".db");
    }

    public string Path { get; }

    /// <summary>Pooling off so the file can be deleted at the end.</summary>
    public string ConnectionString => $"Data Source={Path};Pooling=False";

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A connection still open on some platforms; the temp directory is cleaned by the OS.
        }
    }
}
