using DossierWorkflow.Definitions;
using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.DataProtection;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Forms;
using DossierWorkflow.Dossiers.Notifications;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.Engine.Definitions.Compilation;
using DossierWorkflow.Engine.Runtime;
using DossierWorkflow.Engine.Timers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Dossiers;

public static class DossiersServiceCollectionExtensions
{
    /// <summary>
    /// The domain's one registration entry point: database (provider from configuration), working calendar, procedure
    /// catalogue, the workflow engine with its store on the same database and the domain's service-task handlers,
    /// data-protection key store.
    /// </summary>
    public static IServiceCollection AddDossiers(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is Postgres.")
            .ValidateOnStart();

        services.AddOptions<SeedingOptions>().BindConfiguration(SeedingOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CurrentWorkingCalendar>();
        services.AddOptions<ReferenceDataOptions>().BindConfiguration(ReferenceDataOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<ReferenceDataReloadWorker>();
        services.AddSingleton<IWorkingCalendar>(provider => provider.GetRequiredService<CurrentWorkingCalendar>());
        // Pooled: a request leases a context that is reset on return, instead of building one (and finding EF Core's internal
        // services for its options) on every request. The context keeps no state of its own, so any request can reuse it.
        services.AddDbContextPool<DossiersDbContext>((provider, builder) =>
            builder.UseConfiguredDatabase(
                provider.GetRequiredService<IOptions<DatabaseOptions>>().Value,
                provider.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddWorkflowStore();
        services.AddScoped<UnitOfWork>();
        services.AddOptions<Backups.BackupOptions>().BindConfiguration(Backups.BackupOptions.SectionName);
        services.AddScoped<Backups.Backups>();
        services.AddMetrics();
        services.AddSingleton<Telemetry.DossierMetrics>();
        services.AddScoped<Telemetry.ActionMeasurements>();
        services.AddOptions<Telemetry.TelemetryOptions>().BindConfiguration(Telemetry.TelemetryOptions.SectionName);
        services.AddScoped<ApplicantNotifications>();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Email.IsEnabled || string.IsNullOrWhiteSpace(o.Email.Host), "Notifications:Email:From is required when Notifications:Email:Host is set.")
            .ValidateOnStart();
        services.AddSingleton<EmailChannel>();
        services.AddOptions<Citizens.CitizenAccountOptions>().BindConfiguration(Citizens.CitizenAccountOptions.SectionName);
        services.AddScoped<Citizens.OneTimeCodes>();
        services.AddScoped<Citizens.CitizenAccounts>();
        services.AddScoped<Citizens.OnlineSubmissions>();
        services.AddOptions<Payments.PaymentGatewayOptions>().BindConfiguration(Payments.PaymentGatewayOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Payments.OnlinePayments>();
        services.AddHttpClient<SmsChannel>();
        services.AddOptions<NationalPortal.NationalPortalOptions>().BindConfiguration(NationalPortal.NationalPortalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<NationalPortal.NationalPortalSync>();
        services.AddHttpClient(nameof(NationalPortal.IntegrationPlatform));
        services.AddSingleton<NationalPortal.IntegrationPlatform>();
        services.AddScoped<Audit.AuditJournal>();
        services.AddScoped<DossierReception>();
        services.AddScoped<Tracking.DossierTracking>();
        services.AddScoped<Tracking.SmsLookup>();
        services.AddScoped<DossierProcessing>();
        services.AddScoped<DossierSupplements>();
        services.AddScoped<ResultReturns>();
        services.AddScoped<DossierStops>();
        services.AddScoped<DossierExtensions>();
        services.AddScoped<DossierSearch>();
        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Store != AttachmentStoreKind.S3 || !string.IsNullOrWhiteSpace(o.S3.Bucket),
                "Attachments:S3:Bucket is required when Attachments:Store is S3.")
            .Validate(o => string.IsNullOrEmpty(o.S3.AccessKey) == string.IsNullOrEmpty(o.S3.SecretKey),
                "Attachments:S3:AccessKey and Attachments:S3:SecretKey are given together or not at all.")
            .ValidateOnStart();
        services.AddSingleton<IAttachmentStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AttachmentOptions>>().Value;
            return options.Store switch
            {
                AttachmentStoreKind.S3 => new S3AttachmentStore(options.S3),
                _ => new FileSystemAttachmentStore(Path.Combine(
                    Path.GetFullPath(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDirectory, provider.GetRequiredService<IHostEnvironment>().ContentRootPath),
                    "attachments")),
            };
        });
        services.AddSingleton(provider => new AttachmentIntake(
            provider.GetRequiredService<IAttachmentStore>(), provider.GetRequiredService<IOptions<AttachmentOptions>>().Value, provider.GetRequiredService<ILogger<AttachmentIntake>>()));
        services.AddSingleton(_ => new LegalFormPdfGenerator());
        services.AddOptions<FormsOptions>().BindConfiguration(FormsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => new DossierForms(provider.GetRequiredService<LegalFormPdfGenerator>(), provider.GetRequiredService<IOptions<FormsOptions>>().Value));
        services.AddScoped<OfficerPasswords>();
        services.AddScoped<OfficerTwoFactorSignIn>();
        services.AddScoped<OfficerSingleSignOn>();
        services.AddScoped<WorkflowDesign.WorkflowVersions>();
        services.AddScoped<WorkflowDesign.WorkflowTestRuns>();
        services.AddScoped<WorkflowDesign.WorkflowMigrations>();
        services.AddScoped<Reports.Bieu06>();
        services.AddScoped<Reports.RegisterBook>();
        services.AddScoped<Reports.Dashboard>();
        services.AddScoped<Reports.EarlyWarning>();
        services.AddScoped<Reports.Bieu06Export>();
        services.AddScoped<Reports.OverdueList>();
        services.AddScoped<Reports.OfficerProductivity>();
        services.AddScoped<Reports.PublicResults>();
        services.AddScoped<Reports.ServiceQuality>();
        services.AddScoped<DossierRatings>();
        services.AddSingleton<Reports.ReportExports>();
        services.AddHostedService(provider => provider.GetRequiredService<Reports.ReportExports>());
        services.AddScoped<UnitChanges>();
        services.AddScoped<OfficerChanges>();

        services.AddProcedureCatalogue();
        services.AddSingleton<OrganisationUnits>();
        services.AddScoped<ICandidateUnitResolver, UnitScopeResolver>();
        services.AddWorkflowEngine();
        services.AddOptions<WorkflowEngineOptions>().BindConfiguration("WorkflowEngine");
        services.AddServiceTaskHandler<IssueFormHandler>();
        services.AddExternalTaskHandler<NotifyApplicantHandler>();
        services.AddExternalTaskHandler<NationalPortal.NationalPortalSyncHandler>();
        services.AddSingleton<IDefinitionCompiler>(new BpmnDefinitionCompiler(ServiceTaskHandlerNames.All));

        services.AddDataProtection().SetApplicationName("DossierWorkflow");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<IServiceScopeFactory>())));

        return services;
    }
}
