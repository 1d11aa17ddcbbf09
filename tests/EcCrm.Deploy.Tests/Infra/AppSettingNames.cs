namespace EcCrm.Deploy.Tests.Infra;

/// <summary>The settings the EcCrm code reads on Azure (configuration keys with "__" for ":").</summary>
public static class AppSettingNames
{
    /// <summary>Secrets: each must be a Key Vault reference, never a value.</summary>
    public static readonly IReadOnlyList<string> Secrets =
    [
        "SendGrid__ApiKey",
        "Webhooks__Shopify__Secret",
        "Webhooks__WooCommerce__Secret",
        "Webhooks__Generic__Secret",
        "Unsubscribe__SigningKey",
        "Api__Key",
        "Privacy__CustomerKeySecret",
    ];

    /// <summary>Everything else the app reads; none of it is secret.</summary>
    public static readonly IReadOnlyList<string> Plain =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "Storage__TableServiceUri",
        "Storage__QueueServiceUri",
        "Storage__BlobServiceUri",
        "Storage__ClientId",
        "SendGrid__FromAddress",
        "SendGrid__FromName",
        "SendGrid__EventWebhookPublicKey",
        "Unsubscribe__BaseUrl",
        "Shop__Name",
        "Shop__PostalAddress",
        "Shop__TimeZone",
        "Shop__WebsiteUrl",
        "Shop__Locale",
        "Shop__Currency",
        "Shop__ContactEmail",
        "Webhooks__Shopify__ShopDomain",
    ];

    public static IEnumerable<string> All => Secrets.Concat(Plain);
}
