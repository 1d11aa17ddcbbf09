using EcCrm.Infrastructure.Queues;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Queues;

public class QueueListenerOptionsTests
{
    [Fact]
    public void ReadsTheQueueSettingsOfTheRepositoryHostJson()
    {
        var options = QueueListenerOptions.FromHostJson(RepositoryRoot.Combine("host.json"));

        Assert.Equal(16, options.BatchSize);
        Assert.Equal(8, options.NewBatchThreshold);
        Assert.Equal(5, options.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(5), options.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.MaxPollingInterval);
    }

    [Fact]
    public void UsesTheAzureFunctionsDefaultsForWhatHostJsonLeavesOut()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{ "version": "2.0", "extensions": { "queues": { "batchSize": 10 } } }""");

        var options = QueueListenerOptions.FromHostJson(path);

        Assert.Equal(10, options.BatchSize);
        Assert.Equal(5, options.NewBatchThreshold); // batchSize / 2
        Assert.Equal(5, options.MaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, options.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MaxPollingInterval);
    }

    [Theory]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 64 } } }""", "extensions.queues.batchSize must be a whole number from 1 to 32, not 64.")]
    [InlineData("""{ "extensions": { "queues": { "maxDequeueCount": "five" } } }""", "extensions.queues.maxDequeueCount must be a whole number from 1 to 1000, not \"five\".")]
    [InlineData("""{ "extensions": { "queues": { "visibilityTimeout": "soon" } } }""", "extensions.queues.visibilityTimeout must be a time span such as \"00:00:30\", not \"soon\".")]
    public void RefusesASettingItCannotHonourNamingIt(string json, string message)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, json);

        var error = Assert.Throws<InvalidOperationException>(() => QueueListenerOptions.FromHostJson(path));

        Assert.EndsWith(message, error.Message, StringComparison.Ordinal);
    }
}
