using Azure.Core.Serialization;
using EcCrm.Core.DependencyInjection;
using EcCrm.Core.Json;
using EcCrm.Functions.Journeys;
using EcCrm.Functions.Telemetry;
using EcCrm.Infrastructure.DependencyInjection;
using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Journeys;
using EcCrm.Infrastructure.Storage;
using EcCrm.Orchestration.DependencyInjection;
using EcCrm.Orchestration.Journeys;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Durable Functions stores orchestration inputs, activity results and events through the worker's serializer:
// EcCrm's converters and polymorphic journey inputs and effects must round-trip.
builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(EcCrmJson.Options));

builder.Services.AddEcCrmCore().AddEcCrmInfrastructure(builder.Configuration).AddJourneyOrchestration();
builder.Services.AddEcCrmTelemetry(builder.Configuration);
builder.Services.AddOptions<JourneyRunOptions>().Bind(builder.Configuration.GetSection(JourneyRunOptions.SectionName));

// The journey files ship next to the binaries; a relative Journeys__Folder is read from there, not the working directory.
builder.Services.PostConfigure<JourneyFilesOptions>(files =>
    files.Folder = Path.IsPathRooted(files.Folder) ? files.Folder : Path.Combine(AppContext.BaseDirectory, files.Folder));

// Tables and queues exist before the first trigger; then the deployed journey files are published (as the Server does).
builder.Services.AddHostedService<StorageInitializer>();
builder.Services.AddHostedService<EmailDeliveryCheck>();
builder.Services.AddHostedService<JourneyFilesOnStart>();

builder.Build().Run();
