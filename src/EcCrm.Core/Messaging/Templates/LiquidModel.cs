using System.Net;
using Fluid;
using Fluid.Values;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// The e-mail model (<see cref="EmailModel"/>) as Liquid values. For the HTML part every text is HTML-encoded here, so
/// customer data stays text while the template's own markup and the layout's <c>content</c> go out as written. With a
/// list of unknown names, every member looked up and not found is added to it by its path, such as
/// <c>profile.shoe_size</c>.
/// </summary>
internal static class LiquidModel
{
    public static IReadOnlyDictionary<string, FluidValue> From(IReadOnlyDictionary<string, object?> model, bool encode, TemplateOptions options, ICollection<string>? unknown = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.ToDictionary(pair => pair.Key, pair => Value(pair.Value, pair.Key, encode, options, unknown), StringComparer.Ordinal);
    }

    private static FluidValue Value(object? value, string path, bool encode, TemplateOptions options, ICollection<string>? unknown) => value switch
    {
        null => NilValue.Instance,
        string text => new StringValue(encode ? WebUtility.HtmlEncode(text) : text),
        IReadOnlyDictionary<string, object?> nested => new DictionaryValue(new Members(
            nested.ToDictionary(pair => pair.Key, pair => Value(pair.Value, $"{path}.{pair.Key}", encode, options, unknown), StringComparer.Ordinal), path, unknown)),
        IEnumerable<object?> list => new ArrayValue(list.Select((item, index) => Value(item, $"{path}[{index}]", encode, options, unknown)).ToArray()),
        _ => FluidValue.Create(value, options),
    };

    /// <summary>An object's members; a member that is not there is nil, and noted by its path when a list is given.</summary>
    private sealed class Members(Dictionary<string, FluidValue> values, string path, ICollection<string>? unknown) : IFluidIndexable
    {
        public int Count => values.Count;

        public IEnumerable<string> Keys => values.Keys;

        public bool TryGetValue(string name, out FluidValue value)
        {
            if (values.TryGetValue(name, out var found))
            {
                value = found;
                return true;
            }

            unknown?.Add($"{path}.{name}");
            value = NilValue.Instance;
            return false;
        }
    }
}
