using DossierWorkflow.Dossiers.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Persistence;

/// <summary>
/// The one database of the system. The provider (SQLite or PostgreSQL) is configuration; the model and the
/// hand-written migrations in <c>Persistence/Migrations</c> are provider-neutral.
/// </summary>
public sealed class DossiersDbContext(DbContextOptions<DossiersDbContext> options) : DbContext(options)
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DossiersDbContext).Assembly);
    }
}
