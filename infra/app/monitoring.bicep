// Log Analytics + workspace-based Application Insights. Local (instrumentation key) authentication is
// disabled: the Function App ingests telemetry with its managed identity, which holds the
// Monitoring Metrics Publisher role on the component (see rbac.bicep).

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Region of both resources.')
param location string

@description('Tags applied to both resources.')
param tags {
  *: string
}

@description('Days Log Analytics keeps telemetry (30 is included in the ingestion price).')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // Identity-only ingestion: the connection string alone is not enough to send telemetry.
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = appInsights.name
