using System.Collections.Frozen;

namespace Tracking.Sdk.KeyPaths;

/// <summary>The declared key paths, frozen at client construction, for validating <see cref="TrackingClient.Step"/>.</summary>
internal sealed class KeyPathRegistry
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, int>> _paths;

    public KeyPathRegistry(IDictionary<string, List<string>> declared)
    {
        var paths = new Dictionary<string, FrozenDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (name, steps) in declared)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A key path needs a name.", nameof(declared));
            }

            var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < steps.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(steps[i]))
                {
                    throw new ArgumentException($"Key path '{name}' has an empty step at index {i}.", nameof(declared));
                }

                if (!indexes.TryAdd(steps[i], i))
                {
                    throw new ArgumentException($"Key path '{name}' declares step '{steps[i]}' twice.", nameof(declared));
                }
            }

            if (indexes.Count == 0)
            {
                throw new ArgumentException($"Key path '{name}' declares no steps.", nameof(declared));
            }

            paths[name] = indexes.ToFrozenDictionary(StringComparer.Ordinal);
        }

        _paths = paths.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The step's index, or an error message naming what is declared.</summary>
    public bool TryGetStep(string keyPath, string step, out int index, out string? error)
    {
        if (!_paths.TryGetValue(keyPath, out var steps))
        {
            index = -1;
            error = _paths.Count == 0
                ? $"Key path '{keyPath}' is not declared: no key paths are declared. Declare it in TrackingOptions.KeyPaths (configuration Tracking:KeyPaths:{keyPath})."
                : $"Key path '{keyPath}' is not declared. Declared key paths: {string.Join(", ", _paths.Keys.Order(StringComparer.Ordinal))}.";
            return false;
        }

        if (!steps.TryGetValue(step, out index))
        {
            index = -1;
            error = $"Step '{step}' is not declared on key path '{keyPath}'. Its steps are: {string.Join(", ", steps.OrderBy(s => s.Value).Select(s => s.Key))}.";
            return false;
        }

        error = null;
        return true;
    }
}
