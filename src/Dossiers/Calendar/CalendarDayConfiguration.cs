using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DossierWorkflow.Dossiers.Calendar;

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> builder)
    {
        builder.ToTable("CalendarDays");
        builder.HasKey(d => d.Date);
        builder.Property(d => d.Date).ValueGeneratedNever();
        builder.Property(d => d.Note).HasMaxLength(300);
    }
}
