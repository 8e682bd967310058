using System.Collections.Concurrent;
using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Engine.Deployment;

/// <summary>
/// Compiled definitions per (key, version), shared by every command of the process (a singleton), so nothing is
/// recompiled per command. A version deployed by another process is compiled once from its stored BPMN source.
/// </summary>
internal sealed class DefinitionCache(IDefinitionCompiler? compiler = null)
{
    private readonly ConcurrentDictionary<(string Key, int Version), ExecutableDefinition> _definitions = new();

    public IDefinitionCompiler? Compiler { get; } = compiler;

    /// <summary>Caches a definition found already deployed (keeps the first one cached).</summary>
    public void Add(string key, int version, ExecutableDefinition definition) => _definitions.TryAdd((key, version), definition);

    /// <summary>
    /// Caches a freshly deployed version, replacing any earlier entry: a deployment whose (ambient) transaction was rolled
    /// back may have cached the same version number for other content.
    /// </summary>
    public void Set(string key, int version, ExecutableDefinition definition) => _definitions[(key, version)] = definition;

    /// <summary>
    /// The compiled definition of (key, version), compiling it from <paramref name="load"/>'s source on a miss. When the
    /// caller already holds the stored row it passes its hash, and a cached entry with another hash is not trusted.
    /// </summary>
    public async Task<ExecutableDefinition> GetAsync(string key, int version, Func<Task<StoredDefinition?>> load, string? expectedHash = null)
    {
        if (_definitions.TryGetValue((key, version), out var cached) && (expectedHash is null || cached.ContentHash == expectedHash))
        {
            return cached;
        }

        var stored = await load() ?? throw new DefinitionNotFoundException(key, version);
        if (stored.Source is null || Compiler is null)
        {
            throw new InvalidOperationException(
                $"Version {version} of definition '{key}' is not in this process's cache and cannot be recompiled " +
                (stored.Source is null ? "(it was deployed without BPMN source)." : "(no IDefinitionCompiler is registered)."));
        }

        var definition = Compiler.Compile(stored.Source).GetDefinitionOrThrow();
        _definitions[(key, version)] = definition;
        return definition;
    }
}
