using DotLiquid;
using DotLiquid.Exceptions;
using DotLiquid.FileSystems;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>Serves <c>{% include 'name' %}</c> from the partials given, for one render (no files, no global state).</summary>
internal sealed class PartialFileSystem(IReadOnlyDictionary<string, string> partials) : IFileSystem
{
    public string ReadTemplateFile(Context context, string templateName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context[templateName] as string ?? templateName.Trim('\'', '"');
        return partials.TryGetValue(name, out var source)
            ? source
            : throw new FileSystemException($"There is no partial \"{name}\" (partials/{name}.liquid).");
    }
}
