using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace EcCrm.Infrastructure.Queues;

/// <summary>
/// The queue settings of <c>host.json</c> (<c>extensions.queues</c>), read by the Server so its listeners
/// behave as the Azure Functions queue trigger does. Defaults are the Functions defaults.
/// </summary>
public sealed record QueueListenerOptions
{
    /// <summary>Messages fetched and processed in parallel at once.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>A new batch is fetched when no more than this many messages are still being processed.</summary>
    public int NewBatchThreshold { get; init; } = 8;

    /// <summary>Attempts before a message is moved to <c>&lt;queue&gt;-poison</c>.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a failed message stays invisible before it is tried again.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>The longest wait between polls of an empty queue (polling backs off up to this).</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a message being processed stays hidden from other listeners, renewed while its handler runs (not a
    /// host.json setting). After a crash, the messages the process held come back within this time.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// host.json, then the app settings that override it as on Azure Functions
    /// (<c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c> and so on).
    /// </summary>
    public static QueueListenerOptions FromHostJson(string path, IConfiguration? overrides)
    {
        var options = FromHostJson(path);
        var section = overrides?.GetSection("AzureFunctionsJobHost:extensions:queues");
        if (section is null || !section.GetChildren().Any())
        {
            return options;
        }

        var values = new JsonObject();
        foreach (var setting in section.GetChildren())
        {
            values[setting.Key] = int.TryParse(setting.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(setting.Value);
        }

        const string origin = "app setting AzureFunctionsJobHost:extensions:queues";
        return options with
        {
            BatchSize = Int(values, "batchSize", options.BatchSize, origin, 1, 32),
            NewBatchThreshold = Int(values, "newBatchThreshold", options.NewBatchThreshold, origin, 0, 1000),
            MaxDequeueCount = Int(values, "maxDequeueCount", options.MaxDequeueCount, origin, 1, 1000),
            VisibilityTimeout = Span(values, "visibilityTimeout", options.VisibilityTimeout, origin),
            MaxPollingInterval = Span(values, "maxPollingInterval", options.MaxPollingInterval, origin),
        };
    }

    public static QueueListenerOptions FromHostJson(string path)
    {
        var defaults = new QueueListenerOptions();
        if (!File.Exists(path))
        {
            return defaults;
        }

        JsonNode? queues;
        try
        {
            queues = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })?["extensions"]?["queues"];
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{path} is not valid JSON: {ex.Message}", ex);
        }

        if (queues is null)
        {
            return defaults;
        }

        var batchSize = Int(queues, "batchSize", defaults.BatchSize, path, 1, 32);
        return defaults with
        {
            BatchSize = batchSize,
            NewBatchThreshold = Int(queues, "newBatchThreshold", batchSize / 2, path, 0, 1000),
            MaxDequeueCount = Int(queues, "maxDequeueCount", defaults.MaxDequeueCount, path, 1, 1000),
            VisibilityTimeout = Span(queues, "visibilityTimeout", defaults.VisibilityTimeout, path),
            MaxPollingInterval = Span(queues, "maxPollingInterval", defaults.MaxPollingInterval, path),
        };
    }

    private static int Int(JsonNode queues, string name, int fallback, string path, int min, int max)
    {
        if (queues[name] is not { } node)
        {
            return fallback;
        }

        return node.GetValueKind() == JsonValueKind.Number && node.GetValue<int>() is var value && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{path}: extensions.queues.{name} must be a whole number from {min} to {max}, not {node.ToJsonString()}.");
    }

    private static TimeSpan Span(JsonNode queues, string name, TimeSpan fallback, string path)
    {
        if (queues[name] is not { } node)
        {
            return fallback;
        }

        return node.GetValueKind() == JsonValueKind.String
            && TimeSpan.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{path}: extensions.queues.{name} must be a time span such as \"00:00:30\", not {node.ToJsonString()}.");
    }
}
