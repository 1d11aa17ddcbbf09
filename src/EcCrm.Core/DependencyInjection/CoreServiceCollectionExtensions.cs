using EcCrm.Core.Analytics;
using EcCrm.Core.Consent;
using EcCrm.Core.Journeys.Backtesting;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging.Deliverability;
using EcCrm.Core.Messaging.Events;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Messaging.Sending;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Privacy;
using EcCrm.Core.Privacy.Shopify;
using EcCrm.Core.Profiles;
using EcCrm.Core.Tracking;
using EcCrm.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Core.DependencyInjection;

/// <summary>Registers EcCrm's use cases. Their ports are registered by EcCrm.Infrastructure.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddEcCrmCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(JourneyClock.Real);
        services.AddSingleton<CustomerKeys>();
        services.AddSingleton<OrderWebhookIntake>();
        services.AddSingleton<OrderIngestion>();
        services.AddSingleton<CustomerQueries>();
        services.AddSingleton<CustomerExport>();
        services.AddSingleton<ShopifyCompliance>();
        services.AddSingleton<ConsentRecords>();
        services.AddSingleton<JourneyCatalog>();
        services.AddSingleton<JourneyEnrollment>();
        services.AddSingleton<JourneySteps>();
        services.AddSingleton<ProfileActions>();
        services.AddSingleton<JourneyEffects>();
        services.AddSingleton<EnrollmentStates>();
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<EntrySweep>();
        services.AddSingleton<DailySweep>();
        services.AddSingleton<ScheduledEntries>();
        services.AddSingleton<ProfileChanges>();
        services.AddSingleton<JourneyBacktest>();
        services.AddSingleton<SweepOnDemand>();
        services.AddSingleton<OrderJourneyTriggers>();
        services.AddSingleton<EventJourneyTriggers>();
        services.AddSingleton<TrackIntake>();
        services.AddSingleton<EnrollmentAdministration>();
        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<PersonalisedEmails>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<Unsubscribes>();
        services.AddSingleton<Surveys.SurveyTokens>();
        services.AddSingleton<Surveys.SurveyResponses>();
        services.AddSingleton<Surveys.SurveyReports>();
        services.AddSingleton<Alerts.ShopAlerts>();
        services.AddSingleton<SendLedger>();
        services.AddSingleton<IJourneyMailer, JourneyMailer>();
        services.AddSingleton<EmailEventIntake>();
        services.AddSingleton<DeliverabilityGuard>();
        services.AddSingleton<HeldJourneys>();
        services.AddSingleton<DataRetention>();
        services.AddSingleton<ProductAffinityRefresh>();
        return services;
    }
}
