// EcCrm on Azure: one resource group with a Flex Consumption Function App, its storage account,
// Application Insights, and a Key Vault for the secrets. No key or connection string is stored in
// app settings; the app reaches everything with one user-assigned managed identity.
//
//   azd up                  provision (this template) and deploy src/EcCrm.Functions
//   docs/deploy.md          parameters, webhooks, cost
targetScope = 'subscription'

metadata description = 'EcCrm: serverless CRM for e-commerce shops on Azure Functions Flex Consumption.'

// ---------------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds the unique resource token.')
param environmentName string

@minLength(1)
@description('Region of every resource. It must offer Flex Consumption: az functionapp list-flexconsumption-locations.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Optional: object id of a person or group who operates EcCrm (CLI reports, poison replay). Empty grants nothing.')
param operatorPrincipalId string = ''

@description('Kind of principal operatorPrincipalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

// ---------------------------------------------------------------------------------------------------
// Scale and cost knobs
// ---------------------------------------------------------------------------------------------------

@description('Memory of each Function App instance in MB (billed as GB-seconds of this size).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on Function App instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Storage replication: LRS is the cheapest; ZRS survives the loss of one zone.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Days Log Analytics keeps telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

// ---------------------------------------------------------------------------------------------------
// Shop and e-mail settings (not secret)
// ---------------------------------------------------------------------------------------------------

@minLength(1)
@description('Shop name shown in e-mails.')
param shopName string

@minLength(1)
@description('Postal address printed in every e-mail footer (anti-spam law).')
param shopPostalAddress string

@description('IANA time zone of the shop, for quiet hours and reports.')
param shopTimeZone string = 'UTC'

@minLength(8)
@description('Public address of the shop (https://...), the base for links in e-mail.')
param shopWebsiteUrl string

@description('Language of e-mails to customers whose own is not known: ja-JP for a Japanese shop.')
param shopLocale string = 'en'

@description('The shop\'s myshopify.com domain; compliance requests for another shop are then ignored. Empty accepts any.')
param shopifyShopDomain string = ''

@description('ISO 4217 code of the shop\'s currency (JPY, EUR ...), named with every amount in reports. Empty names none.')
param shopCurrency string = ''

@description('Where customers write with questions, printed in every e-mail footer. Empty: the sender address.')
param shopContactEmail string = ''

@minLength(3)
@description('Sender address for e-mail sent through SendGrid; it must be a verified sender or domain.')
param sendGridFromAddress string

@description('Sender display name; empty uses the shop name.')
param sendGridFromName string = ''

@description('SendGrid Event Webhook verification key (a public key, not a secret).')
param sendGridVerificationKey string = ''

// ---------------------------------------------------------------------------------------------------
// Secrets: stored in Key Vault, referenced from app settings, never given a default (16+ characters,
// as the app refuses shorter webhook secrets)
// ---------------------------------------------------------------------------------------------------

@secure()
@minLength(16)
@description('SendGrid API key with Mail Send permission.')
param sendGridApiKey string

@secure()
@minLength(16)
@description('Shopify webhook signing secret (HMAC-SHA256).')
param shopifyWebhookSecret string

@secure()
@minLength(16)
@description('WooCommerce webhook secret (HMAC-SHA256).')
param wooCommerceWebhookSecret string

@secure()
@minLength(16)
@description('Shared secret for the generic order webhook (HMAC-SHA256).')
param genericWebhookSecret string

@secure()
@minLength(16)
@description('Key that signs unsubscribe links.')
param unsubscribeSigningKey string

@secure()
@minLength(16)
@description('Key for the EcCrm HTTP API.')
param apiKey string

@secure()
@minLength(32)
@description('Secret that every customer key is an HMAC under (docs/privacy.md). Changing it changes every key: rotate as docs/privacy.md says.')
param customerKeySecret string

// ---------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'eccrm'
}
var functionAppName = '${abbrs.webSitesFunctions}eccrm-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}eccrm-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    skuName: storageSkuName
    deploymentContainerName: 'app-package-${resourceToken}'
  }
}

// Secret names are what the Function App settings reference (see app/function-app.bicep).
module keyVault 'app/key-vault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    secrets: {
      'sendgrid-api-key': sendGridApiKey
      'shopify-webhook-secret': shopifyWebhookSecret
      'woocommerce-webhook-secret': wooCommerceWebhookSecret
      'generic-webhook-secret': genericWebhookSecret
      'unsubscribe-signing-key': unsubscribeSigningKey
      'api-key': apiKey
      'customer-key-secret': customerKeySecret
    }
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    azdServiceName: 'functions'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    sendGridFromAddress: sendGridFromAddress
    sendGridFromName: empty(sendGridFromName) ? shopName : sendGridFromName
    sendGridVerificationKey: sendGridVerificationKey
    shopName: shopName
    shopPostalAddress: shopPostalAddress
    shopTimeZone: shopTimeZone
    shopWebsiteUrl: shopWebsiteUrl
    shopLocale: shopLocale
    shopifyShopDomain: shopifyShopDomain
    shopCurrency: shopCurrency
    shopContactEmail: shopContactEmail
  }
  // Start the app only once its identity may read storage, secrets and write telemetry.
  dependsOn: [
    rbac
  ]
}

// ---------------------------------------------------------------------------------------------------
// Outputs (azd stores them in .azure/<env>/.env; `azd env get-values` prints them)
// ---------------------------------------------------------------------------------------------------

var baseUrl = 'https://${functionApp.outputs.defaultHostName}'

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output STORAGE_QUEUE_SERVICE_URI string = storage.outputs.queueServiceUri
output STORAGE_TABLE_SERVICE_URI string = storage.outputs.tableServiceUri
output FUNCTION_APP_URL string = baseUrl
output WEBHOOK_SHOPIFY_URL string = '${baseUrl}/webhooks/orders/shopify'
output WEBHOOK_WOOCOMMERCE_URL string = '${baseUrl}/webhooks/orders/woocommerce'
output WEBHOOK_GENERIC_URL string = '${baseUrl}/webhooks/orders/generic'
output WEBHOOK_SENDGRID_URL string = '${baseUrl}/webhooks/sendgrid'
output WEBHOOK_SHOPIFY_COMPLIANCE_URL string = '${baseUrl}/webhooks/shopify/compliance'
output WEBHOOK_SHOPIFY_CHECKOUTS_URL string = '${baseUrl}/webhooks/checkouts/shopify'
output TRACK_API_URL string = '${baseUrl}/api/events'
output UNSUBSCRIBE_URL string = '${baseUrl}/unsubscribe'
