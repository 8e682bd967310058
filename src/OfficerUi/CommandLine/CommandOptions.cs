namespace DossierWorkflow.OfficerUi.CommandLine;

/// <summary>
/// Arguments after a verb: positional values, then <c>--name value</c> pairs. Options listed as repeatable may be given
/// several times (<c>--role a@X --role b@Y</c>); any other option at most once.
/// </summary>
internal sealed record CommandOptions(IReadOnlyList<string> Positional, IReadOnlyDictionary<string, IReadOnlyList<string>> Named)
{
    /// <summary>The parsed arguments, or null when they are malformed (an option without a value, a repeated option, a value after options).</summary>
    public static CommandOptions? Parse(string[] args, params string[] repeatable)
    {
        var positional = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var rest = args[positional.Count..];
        if (rest.Length % 2 != 0)
        {
            return null;
        }

        var named = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < rest.Length; i += 2)
        {
            if (!rest[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            var values = named.TryGetValue(rest[i], out var existing) ? existing : named[rest[i]] = [];
            if (values.Count > 0 && !repeatable.Contains(rest[i]))
            {
                return null;
            }

            values.Add(rest[i + 1]);
        }

        return new CommandOptions(positional, named.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal));
    }

    /// <summary>Each option's one value (for verbs without repeatable options).</summary>
    public Dictionary<string, string> Single() => Named.ToDictionary(p => p.Key, p => p.Value[0], StringComparer.Ordinal);

    public string? Value(string name) => Named.TryGetValue(name, out var values) ? values[0] : null;

    public IReadOnlyList<string> Values(string name) => Named.TryGetValue(name, out var values) ? values : [];
}
