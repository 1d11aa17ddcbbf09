using EcCrm.Core.Orders;
using EcCrm.Testing;

namespace EcCrm.Cli.Tests.Templates;

public class TemplatePreviewTests
{
    [Fact]
    public async Task RendersATemplateForACustomerInStorage()
    {
        await using var services = await TestServices.CreateAsync();
        var order = new OrderRecord
        {
            Source = OrderSource.Generic,
            OrderId = "1001",
            Status = OrderStatus.Paid,
            PlacedAt = services.Clock.GetUtcNow().AddDays(-70),
            UpdatedAt = services.Clock.GetUtcNow().AddDays(-70),
            Currency = "JPY",
            Total = 3200m,
            Customer = new OrderCustomer { Email = "mei@example.jp", FirstName = "Mei", AcceptsMarketing = true },
            Lines = [new OrderLine { ProductId = "beans", Title = "House Blend Beans", Quantity = 1, UnitPrice = 3200m }],
        };
        await services.Get<OrderIngestion>().IngestAsync(order, default);
        var html = Path.Combine(Path.GetTempPath(), $"{services.Prefix}-preview.html");

        var (exitCode, output) = await CliRun.RunAsync(services.Prefix, "templates", "preview", "winback-1", "--customer", "mei@example.jp", "--html", html, "--templates", RepositoryRoot.Combine("journeys", "templates"));

        Assert.Equal(0, exitCode);
        Assert.Contains("Mei", output, StringComparison.Ordinal);
        Assert.Contains("House Blend Beans", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
        Assert.Contains("/unsubscribe?token=", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownTemplateOrCustomerIsAClearError()
    {
        await using var services = await TestServices.CreateAsync();

        var (exitCode, output) = await CliRun.RunAsync(services.Prefix, "templates", "preview", "winback-1", "--customer", "nobody@example.jp");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("No customer", output, StringComparison.Ordinal);
    }
}
