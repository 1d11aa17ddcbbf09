using System.Text;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// Serves <c>{% include 'name' %}</c> from one set of partials held in memory (no files): Fluid asks it for
/// <c>name</c>, then <c>name.liquid</c>. The set never changes, so every partial reports the same time and Fluid parses
/// each one once; a changed set of partials gets a provider of its own.
/// </summary>
internal sealed class PartialFileProvider(IReadOnlyDictionary<string, string> partials) : IFileProvider
{
    private const string Extension = ".liquid";

    public IFileInfo GetFileInfo(string subpath)
    {
        ArgumentNullException.ThrowIfNull(subpath);
        var name = subpath.EndsWith(Extension, StringComparison.Ordinal) ? subpath[..^Extension.Length] : subpath;
        return partials.TryGetValue(name, out var source) ? new Partial(name, source) : new NotFoundFileInfo(subpath);
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private sealed class Partial(string name, string source) : IFileInfo
    {
        public bool Exists => true;

        public long Length => Encoding.UTF8.GetByteCount(source);

        public string? PhysicalPath => null;

        public string Name => name + Extension;

        public DateTimeOffset LastModified => DateTimeOffset.MinValue;

        public bool IsDirectory => false;

        public Stream CreateReadStream() => new MemoryStream(Encoding.UTF8.GetBytes(source), writable: false);
    }
}
