using EcCrm.Core.Alerts;
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
using EcCrm.Core.Shop;
using EcCrm.Core.Surveys;
using EcCrm.Core.Tracking;
using EcCrm.Core.Webhooks;
using EcCrm.Infrastructure.Alerts;
using EcCrm.Infrastructure.Analytics;
using EcCrm.Infrastructure.Consent;
using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Journeys;
using EcCrm.Infrastructure.Orders;
using EcCrm.Infrastructure.Privacy;
using EcCrm.Infrastructure.Profiles;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using EcCrm.Infrastructure.Surveys;
using EcCrm.Infrastructure.Tracking;
using EcCrm.Infrastructure.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.DependencyInjection;

/// <summary>Binds and validates settings, and registers the storage-backed ports of EcCrm.Core.</summary>
public static class InfrastructureServiceCollectionExtensions
{
    public static IServiceCollection AddEcCrmInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(configuration, StorageOptions.SectionName);
        services.AddValidatedOptions<ShopOptions, ShopOptionsValidator>(configuration, ShopOptions.SectionName);
        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(configuration, WebhookOptions.SectionName);
        services.AddValidatedOptions<PrivacyOptions, PrivacyOptionsValidator>(configuration, PrivacyOptions.SectionName);

        services.AddSingleton<StorageNames>();
        services.AddSingleton<StorageClients>();
        services.AddSingleton<StorageReadiness>();
        services.AddSingleton<IOrderStore, TableOrderStore>();
        services.AddSingleton<IOrderQueue, StorageOrderQueue>();
        services.AddSingleton<IProfileStore, TableProfileStore>();
        services.AddSingleton<ILastOrderIndex, TableLastOrderIndex>();
        services.AddSingleton<IConsentLedger, TableConsentLedger>();
        services.AddSingleton<IProfileDirectory, TableProfileDirectory>();
        services.AddSingleton<IWebhookReceipts, TableWebhookReceipts>();
        services.AddOptions<JourneyFilesOptions>().Bind(configuration.GetSection(JourneyFilesOptions.SectionName));
        services.AddValidatedOptions<SweepOptions, SweepOptionsValidator>(configuration, SweepOptions.SectionName);
        services.AddSingleton<IEnrollmentStore, TableEnrollmentStore>();
        services.AddSingleton<QueueEnrollmentInbox>();
        services.AddSingleton<IEnrollmentInbox>(provider => provider.GetRequiredService<QueueEnrollmentInbox>());
        services.AddSingleton<TableJourneyStore>();
        services.AddSingleton<IJourneyStore>(provider => provider.GetRequiredService<TableJourneyStore>());
        services.AddSingleton<ISweepCheckpoints>(provider => provider.GetRequiredService<TableJourneyStore>());
        services.AddSingleton<IJourneyEventLog, TableJourneyEventLog>();
        services.AddSingleton<ICouponIssuer, RecordedCouponIssuer>();
        services.AddSingleton<IEmailTemplates, FileEmailTemplates>();
        services.AddSingleton<IKnownTemplates>(provider => provider.GetRequiredService<TemplateCatalog>());
        services.AddEcCrmEmail(configuration);
        services.AddSingleton<JourneyFilePublisher>();
        services.AddSingleton<ICustomerHistories, TableCustomerHistories>();
        services.AddSingleton<IShopHistory, TableShopHistory>();
        services.AddSingleton<QueuePayloads>();
        services.AddSingleton<PoisonQueue>();
        // Queue-triggered functions read host.json's retry settings from beside the binaries, as the Server does.
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<QueueMessageRunner>(
            provider, provider.GetService<QueueListenerOptions>() ?? QueueListenerOptions.FromHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"), configuration)));
        services.AddSingleton<OrderMessageHandler>();
        services.AddValidatedOptions<TrackingOptions, TrackingOptionsValidator>(configuration, TrackingOptions.SectionName);
        services.AddSingleton<ICustomerEvents, TableCustomerEvents>();
        services.AddSingleton<ITrackedEventQueue, StorageTrackedEventQueue>();
        services.AddSingleton<TrackedEventMessageHandler>();
        services.AddOptions<SurveyOptions>().Bind(configuration.GetSection(SurveyOptions.SectionName));
        services.AddSingleton<ISurveyAnswerStore, TableSurveyAnswers>();
        services.AddOptions<ShopAlertOptions>().Bind(configuration.GetSection(ShopAlertOptions.SectionName));
        services.AddSingleton<IShopAlertQueue, StorageShopAlertQueue>();
        services.AddSingleton<ShopAlertMessageHandler>();
        services.AddHttpClient(ShopAlertMessageHandler.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        return services;
    }

    /// <summary>
    /// E-mail: SendGrid when an API key is set, else the local mail sink; the send ledger, suppressions, product
    /// affinities and the event webhook's signature check.
    /// </summary>
    private static IServiceCollection AddEcCrmEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SenderOptions, SenderOptionsValidator>(configuration, SenderOptions.SectionName);
        services.AddValidatedOptions<UnsubscribeOptions, UnsubscribeOptionsValidator>(configuration, UnsubscribeOptions.SectionName);
        services.AddValidatedOptions<SendGridOptions, EmailProviderOptionsValidator>(configuration, SendGridOptions.SectionName);
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName));
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName));
        services.AddSingleton<ISendHistory, TableSendHistory>();
        services.AddSingleton<IPersonalData, TablePersonalData>();
        services.AddSingleton<CustomerRekey>();
        services.AddSingleton<IPreparedExports, BlobPreparedExports>();
        services.AddSingleton<IShopifyComplianceQueue, StorageShopifyComplianceQueue>();
        services.AddSingleton<ISuppressionList, TableSuppressionList>();
        services.AddSingleton<IRecipients, TableRecipients>();
        services.AddSingleton<TableProductAffinities>();
        services.AddSingleton<IProductAffinities>(provider => provider.GetRequiredService<TableProductAffinities>());
        services.AddSingleton<ICustomerProducts>(provider => provider.GetRequiredService<TableProductAffinities>());
        services.AddSingleton<IEventWebhookSignature, SendGridEventSignature>();
        services.AddSingleton<IEmailEventQueue, StorageEmailEventQueue>();
        services.AddSingleton<EmailEventMessageHandler>();
        services.AddValidatedOptions<DeliverabilityOptions, DeliverabilityOptionsValidator>(configuration, DeliverabilityOptions.SectionName);
        services.AddSingleton<IDeliverabilityLedger, TableDeliverabilityLedger>();
        services.AddSingleton<MailSink>();
        services.AddHttpClient(SendGridEmailSender.HttpClientName, SendGridEmailSender.ConfigureHttpClient)
            .RemoveAllLoggers()
            .AddResilienceHandler(SendGridEmailSender.HttpClientName, (pipeline, context) => SendGridEmailSender.ConfigureResilience(pipeline, context.ServiceProvider));
        services.AddSingleton<IEmailSender>(provider =>
            string.IsNullOrWhiteSpace(provider.GetRequiredService<IOptions<SendGridOptions>>().Value.ApiKey)
                ? ActivatorUtilities.CreateInstance<MailSinkEmailSender>(provider)
                : ActivatorUtilities.CreateInstance<SendGridEmailSender>(provider));
        return services;
    }

    /// <summary>
    /// One listener per queue handler, configured by host.json and its app-setting overrides, and switched off when
    /// the setting <paramref name="switchedBy"/> is false. (The journey-inputs listener comes with the journey engine.)
    /// </summary>
    public static IServiceCollection AddEcCrmQueueListeners(this IServiceCollection services, string hostJsonPath, string switchedBy)
    {
        services.TryAddSingleton(provider => QueueListenerOptions.FromHostJson(hostJsonPath, provider.GetRequiredService<IConfiguration>()));
        services.AddQueueListener<OrderMessageHandler>(switchedBy);
        services.AddQueueListener<EmailEventMessageHandler>(switchedBy);
        services.AddQueueListener<TrackedEventMessageHandler>(switchedBy);
        services.AddQueueListener<ShopAlertMessageHandler>(switchedBy);

        // Only a host with a journey engine can erase (it stops the customer's runs), so the handler is registered here,
        // with the listeners, rather than with the ports: the Functions app builds it per message with its Durable client.
        services.TryAddSingleton<ShopifyComplianceMessageHandler>();
        services.AddQueueListener<ShopifyComplianceMessageHandler>(switchedBy);
        return services;
    }

    /// <summary>
    /// A listener for one queue handler (host.json's queue settings must be registered, see <see cref="AddEcCrmQueueListeners"/>).
    /// Not AddHostedService: it adds one hosted service per implementation type, and every listener is a QueueListener.
    /// </summary>
    public static IServiceCollection AddQueueListener<THandler>(this IServiceCollection services, string switchedBy)
        where THandler : IQueueMessageHandler =>
        services.AddSwitchableHostedService(switchedBy, provider => ActivatorUtilities.CreateInstance<QueueListener>(provider, provider.GetRequiredService<THandler>()));

    /// <summary>
    /// A hosted service that runs unless the boolean setting <paramref name="switchedBy"/> is false. The setting is read
    /// when the host starts, so configuration added after registration (hosting layers, tests) counts too.
    /// </summary>
    public static IServiceCollection AddSwitchableHostedService(this IServiceCollection services, string switchedBy, Func<IServiceProvider, IHostedService> create) =>
        services.AddSingleton<IHostedService>(provider =>
            provider.GetRequiredService<IConfiguration>().GetValue(switchedBy, defaultValue: true) ? create(provider) : new SwitchedOffService());

    private sealed class SwitchedOffService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Binds a section and validates it when the host starts, so a bad setting stops start-up with its name.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }
}
