using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Storage;

/// <summary>
/// The names of EcCrm's tables, queues and blob containers. The base names are constants (the Functions app binds
/// triggers to them); <see cref="StorageOptions.Prefix"/> lets tests and side-by-side installations use their own.
/// </summary>
public sealed class StorageNames(string prefix)
{
    public const string ProfilesTable = "Profiles";
    public const string OrdersTable = "Orders";
    public const string LastOrderIndexTable = "LastOrderIndex";
    public const string WebhookReceiptsTable = "WebhookReceipts";
    public const string EnrollmentsTable = "Enrollments";
    public const string JourneysTable = "Journeys";
    public const string JourneyEventsTable = "JourneyEvents";
    public const string CouponsTable = "Coupons";
    public const string SendHistoryTable = "SendHistory";
    public const string SuppressionsTable = "Suppressions";
    public const string ProductAffinitiesTable = "ProductAffinities";
    public const string DeliverabilityTable = "Deliverability";
    public const string CustomerEventsTable = "CustomerEvents";
    public const string SurveyAnswersTable = "SurveyAnswers";
    public const string OrdersQueue = "orders";
    public const string JourneyInputsQueue = "journey-inputs";
    public const string EmailEventsQueue = "email-events";
    public const string TrackedEventsQueue = "tracked-events";
    public const string ShopAlertsQueue = "shop-alerts";
    public const string ComplianceQueue = "compliance";
    public const string PoisonSuffix = "-poison";
    public const string QueuePayloadsContainer = "queue-payloads";
    public const string PreparedExportsContainer = "prepared-exports";

    public StorageNames(IOptions<StorageOptions> options)
        : this(options.Value.Prefix)
    {
    }

    public string Prefix { get; } = prefix;

    public string Profiles => Table(ProfilesTable);

    public string Orders => Table(OrdersTable);

    public string LastOrderIndex => Table(LastOrderIndexTable);

    public string WebhookReceipts => Table(WebhookReceiptsTable);

    public string Enrollments => Table(EnrollmentsTable);

    public string Journeys => Table(JourneysTable);

    public string JourneyEvents => Table(JourneyEventsTable);

    public string Coupons => Table(CouponsTable);

    public string SendHistory => Table(SendHistoryTable);

    public string Suppressions => Table(SuppressionsTable);

    public string ProductAffinities => Table(ProductAffinitiesTable);

    public string Deliverability => Table(DeliverabilityTable);

    public string CustomerEvents => Table(CustomerEventsTable);

    public string SurveyAnswers => Table(SurveyAnswersTable);

    public string OrdersQueueName => Queue(OrdersQueue);

    public string JourneyInputsQueueName => Queue(JourneyInputsQueue);

    public string EmailEventsQueueName => Queue(EmailEventsQueue);

    public string TrackedEventsQueueName => Queue(TrackedEventsQueue);

    public string ShopAlertsQueueName => Queue(ShopAlertsQueue);

    /// <summary>Shopify's compliance requests (exports and erasures), checked by the webhook and carried out from here.</summary>
    public string ComplianceQueueName => Queue(ComplianceQueue);

    /// <summary>Message bodies too large for a queue message (claim checks), until their message has been processed.</summary>
    public string QueuePayloads => Container(QueuePayloadsContainer);

    /// <summary>Every table EcCrm uses; created at start-up.</summary>
    public IReadOnlyList<string> Tables => [Profiles, Orders, LastOrderIndex, WebhookReceipts, Enrollments, Journeys, JourneyEvents, Coupons, SendHistory, Suppressions, ProductAffinities, Deliverability, CustomerEvents, SurveyAnswers];

    /// <summary>Every queue EcCrm uses, poison queues included; created at start-up.</summary>
    public IReadOnlyList<string> Queues =>
    [
        OrdersQueueName, PoisonOf(OrdersQueueName),
        JourneyInputsQueueName, PoisonOf(JourneyInputsQueueName),
        EmailEventsQueueName, PoisonOf(EmailEventsQueueName),
        TrackedEventsQueueName, PoisonOf(TrackedEventsQueueName),
        ShopAlertsQueueName, PoisonOf(ShopAlertsQueueName),
        ComplianceQueueName, PoisonOf(ComplianceQueueName),
    ];

    /// <summary>Customer exports prepared for the shop (Shopify's <c>customers/data_request</c>), one folder per customer key.</summary>
    public string PreparedExports => Container(PreparedExportsContainer);

    /// <summary>Every blob container EcCrm uses; created at start-up.</summary>
    public IReadOnlyList<string> Containers => [QueuePayloads, PreparedExports];

    public string Table(string baseName) => Prefix + baseName;

    public string Queue(string baseName) => Prefix.Length == 0 ? baseName : $"{Prefix}-{baseName}";

    public string Container(string baseName) => Queue(baseName);

    public static string PoisonOf(string queueName) => queueName + PoisonSuffix;

    public static bool IsValidPrefix(string? prefix) =>
        string.IsNullOrEmpty(prefix)
        || (prefix.Length <= 16 && char.IsAsciiLetterLower(prefix[0]) && prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)));
}
