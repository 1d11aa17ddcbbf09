using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;

namespace EcCrm.Infrastructure.Profiles;

/// <summary>
/// A profile as a Table row: one column per fact, so the table reads well in Storage Explorer; lists as JSON.
/// Money is stored as an invariant decimal string, never as a double.
/// </summary>
internal static class ProfileEntity
{
    /// <summary>A string property holds 64 KiB of UTF-16; a last order larger than this is left out and read from the orders.</summary>
    private const int MaxLastOrderChars = 30_000;

    public static TableEntity FromProfile(CustomerProfile profile, string rowKey) => new(profile.Key.Value, rowKey)
    {
        ["Email"] = profile.Email,
        ["FirstName"] = profile.FirstName,
        ["LastName"] = profile.LastName,
        ["Phone"] = profile.Phone,
        ["CountryCode"] = profile.CountryCode,
        ["City"] = profile.City,
        ["Locale"] = profile.Locale,
        ["TimeZone"] = profile.TimeZone,
        ["TimeZoneSource"] = profile.TimeZoneSource.ToString(),
        ["AcceptsMarketing"] = profile.AcceptsMarketing,
        ["ConsentReportedAt"] = profile.ConsentReportedAt,
        ["OrderCount"] = profile.OrderCount,
        ["Revenue"] = profile.Revenue.ToString(CultureInfo.InvariantCulture),
        ["Currency"] = profile.Currency,
        ["FirstOrderAt"] = profile.FirstOrderAt,
        ["LastOrderAt"] = profile.LastOrderAt,
        ["AverageDaysBetweenOrders"] = profile.AverageDaysBetweenOrders,
        ["LastOrder"] = profile.LastOrder is { } order && Json(order) is { Length: <= MaxLastOrderChars } json ? json : null,
        ["Products"] = Json(profile.Products),
        ["Categories"] = Json(profile.Categories),
        ["DiscountCodesUsed"] = Json(profile.DiscountCodesUsed),
        ["Segment"] = profile.Segment.ToString(),
        ["Rfm"] = profile.Rfm?.ToString(),
        ["SegmentedAt"] = profile.SegmentedAt,
        ["Tags"] = Json(profile.Tags),
        ["Attributes"] = Json(profile.Attributes),
        ["UpdatedAt"] = profile.UpdatedAt,
    };

    public static CustomerProfile ToProfile(TableEntity row) => new()
    {
        Key = CustomerKey.Parse(row.PartitionKey),
        Email = row.GetString("Email"),
        FirstName = row.GetString("FirstName"),
        LastName = row.GetString("LastName"),
        Phone = row.GetString("Phone"),
        CountryCode = row.GetString("CountryCode"),
        City = row.GetString("City"),
        Locale = row.GetString("Locale"),
        TimeZone = row.GetString("TimeZone"),
        TimeZoneSource = Enum.TryParse<TimeZoneSource>(row.GetString("TimeZoneSource"), out var zoneSource) ? zoneSource : TimeZoneSource.Unknown,
        AcceptsMarketing = row.GetBoolean("AcceptsMarketing"),
        ConsentReportedAt = row.GetDateTimeOffset("ConsentReportedAt"),
        OrderCount = row.GetInt32("OrderCount") ?? 0,
        Revenue = decimal.TryParse(row.GetString("Revenue"), NumberStyles.Number, CultureInfo.InvariantCulture, out var revenue) ? revenue : 0m,
        Currency = row.GetString("Currency"),
        FirstOrderAt = row.GetDateTimeOffset("FirstOrderAt"),
        LastOrderAt = row.GetDateTimeOffset("LastOrderAt"),
        AverageDaysBetweenOrders = row.GetDouble("AverageDaysBetweenOrders"),
        LastOrder = FromJson<OrderRecord>(row, "LastOrder"),
        Products = FromJson<List<ProductPurchase>>(row, "Products") ?? [],
        Categories = FromJson<List<string>>(row, "Categories") ?? [],
        DiscountCodesUsed = FromJson<List<string>>(row, "DiscountCodesUsed") ?? [],
        Segment = Enum.TryParse<RfmSegment>(row.GetString("Segment"), out var segment) ? segment : RfmSegment.None,
        Rfm = ParseRfm(row.GetString("Rfm")),
        SegmentedAt = row.GetDateTimeOffset("SegmentedAt"),
        Tags = FromJson<List<string>>(row, "Tags") ?? [],
        Attributes = FromJson<Dictionary<string, string>>(row, "Attributes") ?? [],
        UpdatedAt = row.GetDateTimeOffset("UpdatedAt") ?? default,
    };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, EcCrmJson.Options);

    private static T? FromJson<T>(TableEntity row, string column)
        where T : class =>
        row.GetString(column) is { Length: > 0 } json ? JsonSerializer.Deserialize<T>(json, EcCrmJson.Options) : null;

    private static RfmScore? ParseRfm(string? text) =>
        text is { Length: 3 } && text.All(char.IsAsciiDigit) ? new RfmScore(text[0] - '0', text[1] - '0', text[2] - '0') : null;
}
