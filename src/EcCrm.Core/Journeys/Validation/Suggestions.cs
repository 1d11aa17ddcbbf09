namespace EcCrm.Core.Journeys.Validation;

/// <summary>"Did you mean …?" for a misspelt name: the closest candidate within a small edit distance.</summary>
internal static class Suggestions
{
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        // Ordered, so that a tie goes the same way on every run (set order is not stable across processes).
        var list = candidates.Order(StringComparer.Ordinal).ToList();
        if (typed.Length >= 3 && list.FirstOrDefault(candidate => candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase)) is { } completed)
        {
            return completed;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in list)
        {
            var distance = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best is not null && bestDistance <= Math.Max(2, typed.Length / 3) ? best : null;
    }

    public static string DidYouMean(string typed, IEnumerable<string> candidates, string? otherwise = null)
    {
        // Ordered, so that a tie goes the same way on every run (set order is not stable across processes).
        var list = candidates.Order(StringComparer.Ordinal).ToList();
        return Closest(typed, list) is { } close
            ? $"Did you mean \"{close}\"?"
            : otherwise ?? $"Use one of: {string.Join(", ", list)}.";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
