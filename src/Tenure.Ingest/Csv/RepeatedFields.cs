namespace Tenure.Ingest.Csv;

/// <summary>
/// The text of some columns of a row kept to tell whether a later row repeats it to the character, so that the values made
/// from it can be taken from that row instead of parsed again: a subscription's periods come one after another in
/// subscriptions.csv and most repeat its plan, amount, interval, quantity, discount and currency (ADR 0425). The same text
/// gives the same values and the same errors (none, for text a valid row had), so a reader skips nothing but work.
/// </summary>
internal sealed class RepeatedFields
{
    private readonly int[] _columns;
    private readonly char[][] _texts;
    private readonly int[] _lengths;
    private bool _kept;

    /// <param name="columns">The columns compared (positions in the reader's <see cref="ColumnSet"/>).</param>
    public RepeatedFields(params int[] columns)
    {
        _columns = columns;
        _texts = new char[columns.Length][];
        for (var i = 0; i < columns.Length; i++)
            _texts[i] = new char[16];
        _lengths = new int[columns.Length];
    }

    /// <summary>Whether the current row of <paramref name="rows"/> holds, in every column, the text last kept (<see cref="Keep"/>); false before any.</summary>
    public bool Repeat(CsvRows rows)
    {
        if (!_kept)
            return false;
        for (var i = 0; i < _columns.Length; i++)
        {
            if (!rows.Span(_columns[i]).SequenceEqual(_texts[i].AsSpan(0, _lengths[i])))
                return false;
        }
        return true;
    }

    /// <summary>Keeps the text of the current row's columns, for the rows after it to be compared with.</summary>
    public void Keep(CsvRows rows)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var text = rows.Span(_columns[i]);
            if (text.Length > _texts[i].Length)
                _texts[i] = new char[Math.Max(text.Length, 2 * _texts[i].Length)];
            text.CopyTo(_texts[i]);
            _lengths[i] = text.Length;
        }
        _kept = true;
    }
}
