using System.Text.Json;
using System.Text.Json.Serialization;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Json;

/// <summary>Writes a <see cref="CustomerKey"/> as its plain string value and refuses anything that is not a key.</summary>
public sealed class CustomerKeyJsonConverter : JsonConverter<CustomerKey>
{
    public override CustomerKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CustomerKey.TryParse(reader.GetString(), out var key) ? key : throw new JsonException("A customer key is 32 lowercase hex characters.");

    public override void Write(Utf8JsonWriter writer, CustomerKey value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
