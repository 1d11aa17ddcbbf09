using EcCrm.Core.DependencyInjection;
using EcCrm.Infrastructure.DependencyInjection;
using EcCrm.Server.Customers;
using EcCrm.Server.Dashboard;
using EcCrm.Server.Email;
using EcCrm.Server.Hosting;
using EcCrm.Server.Journeys;
using EcCrm.Server.Reports;
using EcCrm.Server.Surveys;
using EcCrm.Server.Telemetry;
using EcCrm.Server.Tracking;
using EcCrm.Server.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddEcCrmCore().AddEcCrmInfrastructure(builder.Configuration).AddEcCrmServer(builder.Configuration).AddEcCrmTelemetry(builder.Configuration);

var app = builder.Build();
if (!StartupSettings.AreValid(app.Services, Console.Error))
{
    return 1;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealth();
app.MapTelemetry();
app.MapOrderWebhooks();
app.MapShopifyCompliance();
app.MapTracking();
app.MapCustomers();
app.MapJourneys();
app.MapSweep();
app.MapReports();
app.MapDashboard();
app.MapEmail();
app.MapSurveys();
app.Run();
return 0;

/// <summary>The Server's entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
