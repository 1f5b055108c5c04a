namespace Tenure.Ingest.Csv;

/// <summary>How many rows a CSV file may hold, counted before it is read, to size the array its rows go in (<see cref="RowBuffer{T}"/>).</summary>
internal static class FileRows
{
    /// <summary>
    /// The lines of the file at <paramref name="path"/> after its header (a last line without a newline counts), and at
    /// most its bytes over <paramref name="columns"/> (a row holds a comma between each two columns and ends in a newline),
    /// so a file of blank lines asks for no more references than it has bytes. A quoted field across lines makes the count
    /// too high, which costs one copy at the end. 0 when the file cannot be read (the read reports why).
    /// </summary>
    public static int Expected(string path, int columns)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var block = new byte[1 << 20];
            long lines = 0;
            var last = (byte)'\n';
            int read;
            while ((read = file.Read(block, 0, block.Length)) > 0)
            {
                lines += block.AsSpan(0, read).Count((byte)'\n');
                last = block[read - 1];
            }
            if (last != (byte)'\n')
                lines++;
            var rows = Math.Min(lines - 1, file.Length / Math.Max(1, columns));
            return (int)Math.Clamp(rows, 0, Array.MaxLength);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
