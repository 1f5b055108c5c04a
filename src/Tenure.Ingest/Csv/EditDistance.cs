namespace Tenure.Ingest.Csv;

/// <summary>
/// The optimal-string-alignment (restricted Damerau-Levenshtein) distance: the fewest insertions,
/// deletions, substitutions and swaps of two adjacent characters that turn one text into the other,
/// ignoring case (ASCII and invariant). Used to suggest the column a misspelt header meant.
/// </summary>
internal static class EditDistance
{
    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/>, or any value of at least <paramref name="limit"/> once it is known to reach it.</summary>
    public static int Between(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) >= limit)
            return limit;
        // Three rows of the dynamic-programming table: two back (for swaps), one back, current.
        Span<int> twoBack = stackalloc int[b.Length + 1];
        Span<int> oneBack = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            oneBack[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                int value = Math.Min(Math.Min(oneBack[j] + 1, current[j - 1] + 1), oneBack[j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                    value = Math.Min(value, twoBack[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin >= limit)
                return limit;
            var spare = twoBack;
            twoBack = oneBack;
            oneBack = current;
            current = spare;
        }
        return oneBack[b.Length];
    }

    private static bool Same(char x, char y) => char.ToUpperInvariant(x) == char.ToUpperInvariant(y);
}
