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

    [Fact]
    public async Task ACouponTemplateShowsSampleCouponValuesFromTheJourneyThatCreatesIt()
    {
        await using var services = await TestServices.CreateAsync();
        await services.Get<OrderIngestion>().IngestAsync(JapaneseOrder(services.Clock.GetUtcNow().AddDays(-70)), default);

        var (exitCode, output) = await CliRun.RunAsync(services.Prefix, "templates", "preview", "winback-2", "--customer", "hanako@example.jp", "--templates", RepositoryRoot.Combine("journeys", "templates"));

        Assert.Equal(0, exitCode);
        // The win-back journey's coupon node: 15% off, prefix BACK, valid 14 days.
        Assert.Contains("Coupon BACK-SAMPLE: sample values", output, StringComparison.Ordinal);
        Assert.Contains("クーポンコード：BACK-SAMPLE", output, StringComparison.Ordinal);
        Assert.Contains("15%OFF", output, StringComparison.Ordinal);
        Assert.Matches(@"有効期限：\d{4}年\d{1,2}月\d{1,2}日まで", output);
        Assert.Contains("山田 花子 様", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCouponCodeCanBeGiven()
    {
        await using var services = await TestServices.CreateAsync();
        await services.Get<OrderIngestion>().IngestAsync(JapaneseOrder(services.Clock.GetUtcNow().AddDays(-70)), default);

        var (exitCode, output) = await CliRun.RunAsync(services.Prefix, "templates", "preview", "winback-3", "--customer", "hanako@example.jp", "--coupon", "TEA-2026", "--templates", RepositoryRoot.Combine("journeys", "templates"));

        Assert.Equal(0, exitCode);
        Assert.Contains("クーポンTEA-2026の有効期限", output, StringComparison.Ordinal);
    }

    private static OrderRecord JapaneseOrder(DateTimeOffset placedAt) => new()
    {
        Source = OrderSource.Generic,
        OrderId = "2001",
        Status = OrderStatus.Paid,
        PlacedAt = placedAt,
        UpdatedAt = placedAt,
        Currency = "JPY",
        Total = 2900m,
        Customer = new OrderCustomer { Email = "hanako@example.jp", FirstName = "花子", LastName = "山田", Locale = "ja-JP", CountryCode = "JP", AcceptsMarketing = true },
        Lines = [new OrderLine { ProductId = "tea-gyokuro", Title = "玉露 50g", Quantity = 1, UnitPrice = 2900m, Categories = ["tea"] }],
    };
}
