// The Flex Consumption plan and the EcCrm Function App (.NET isolated worker).
// Nothing here holds a secret: storage and Application Insights are reached with the user-assigned
// identity, and every secret setting is a Key Vault reference resolved with that same identity.

@description('Name of the Function App; its default host name is <name>.azurewebsites.net.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Region of the plan and the app (must offer Flex Consumption).')
param location string

@description('Tags applied to the plan and the app.')
param tags {
  *: string
}

@description('Service name in azure.yaml; azd finds the app to deploy to by this tag.')
param azdServiceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (the app and the Functions host pick it with this).')
param identityClientId string

@description('Storage account for AzureWebJobsStorage, Durable Functions and EcCrm data.')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Application Insights component (local auth disabled; the identity ingests).')
param applicationInsightsName string

@description('Key Vault holding the secrets referenced from the app settings.')
param keyVaultName string

@description('Memory of each instance in MB; the plan bills GB-seconds of this size.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound on instances the plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Sender address for e-mail sent through SendGrid (a verified sender).')
param sendGridFromAddress string

@description('Sender display name.')
param sendGridFromName string

@description('SendGrid Event Webhook verification key: a public key, not a secret. Empty leaves signature checks to the app default.')
param sendGridVerificationKey string

@description('Shop name shown in e-mails.')
param shopName string

@description('Postal address printed in every e-mail footer (anti-spam law).')
param shopPostalAddress string

@description('IANA time zone of the shop, for quiet hours and reports.')
param shopTimeZone string

@description('Public address of the shop, the base for links in e-mail.')
param shopWebsiteUrl string

@description('Language of e-mails to customers whose own is not known (ja-JP for a Japanese shop).')
param shopLocale string

@description('The shop\'s myshopify.com domain: compliance requests for another shop are ignored; empty accepts any.')
param shopifyShopDomain string

@description('ISO 4217 code of the shop\'s currency; empty names none.')
param shopCurrency string

@description('The contact address in every e-mail footer; empty falls back to the sender address.')
param shopContactEmail string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var blobServiceUri = storage.properties.primaryEndpoints.blob
var queueServiceUri = storage.properties.primaryEndpoints.queue
var tableServiceUri = storage.properties.primaryEndpoints.table

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in app settings are resolved with the user-assigned identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobServiceUri}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Publishing with a user name and password is off: azd deploys with Microsoft Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Functions host storage (triggers, Durable Functions task hub, timers) over the identity.
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__blobServiceUri: blobServiceUri
    AzureWebJobsStorage__queueServiceUri: queueServiceUri
    AzureWebJobsStorage__tableServiceUri: tableServiceUri
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId

    // Telemetry with Microsoft Entra authentication (the component rejects key-only ingestion).
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    // EcCrm data (Tables + Queues, and Blobs for queue payloads too large for a message) over the identity;
    // Storage__ConnectionString is for Azurite only.
    Storage__TableServiceUri: tableServiceUri
    Storage__QueueServiceUri: queueServiceUri
    Storage__BlobServiceUri: blobServiceUri
    Storage__ClientId: identityClientId

    SendGrid__ApiKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=sendgrid-api-key)'
    SendGrid__FromAddress: sendGridFromAddress
    SendGrid__FromName: sendGridFromName
    SendGrid__EventWebhookPublicKey: sendGridVerificationKey

    Webhooks__Shopify__Secret: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=shopify-webhook-secret)'
    Webhooks__WooCommerce__Secret: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=woocommerce-webhook-secret)'
    Webhooks__Generic__Secret: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=generic-webhook-secret)'

    Unsubscribe__SigningKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=unsubscribe-signing-key)'
    Unsubscribe__BaseUrl: 'https://${site.properties.defaultHostName}'
    Privacy__CustomerKeySecret: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=customer-key-secret)'
    Api__Key: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=api-key)'

    Shop__Name: shopName
    Shop__PostalAddress: shopPostalAddress
    Shop__TimeZone: shopTimeZone
    Shop__WebsiteUrl: shopWebsiteUrl
    Shop__Locale: shopLocale
    Webhooks__Shopify__ShopDomain: shopifyShopDomain
    Shop__Currency: shopCurrency
    Shop__ContactEmail: shopContactEmail
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
