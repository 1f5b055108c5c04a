using System.Runtime.CompilerServices;

namespace Tenure.Metrics.Inputs;

/// <summary>
/// A row's own id (invoice_id) held without a string of its own when it is numbered (<see cref="IdShape"/>:
/// "inv_00000001" is the shape "inv_" with 8 digits, and the number 1): a shared shape and the number, 16 bytes in the
/// record against a reference and a 48-byte string. Any other id is kept as its string. Each id has exactly one form
/// (its shape is read off the id), so two row ids are equal exactly when their strings are (ADR 0295).
/// </summary>
internal readonly struct RowId : IEquatable<RowId>
{
    // The shapes of the ids lately made on this thread (a row may hold two kinds of id: a survey answer's own and its
    // ticket's), and which slot the next new shape takes.
    [ThreadStatic]
    private static Shape?[]? recentShapes;
    [ThreadStatic]
    private static int nextShape;

    private readonly object value; // the id's Shape when numbered, else the id itself
    private readonly int number;

    private RowId(object value, int number) => (this.value, this.number) = (value, number);

    public static RowId Of(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return IdShape.DigitsOf(id) == 0 ? new RowId(id, 0) : Of(id.AsSpan());
    }

    /// <summary>The id of a row's field: no string is made when it is numbered (ADR 0365).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RowId Of(ReadOnlySpan<char> id)
    {
        int digits = IdShape.DigitsOf(id);
        if (digits == 0)
            return new RowId(id.ToString(), 0);
        int number = 0;
        foreach (char c in id[^digits..])
            number = number * 10 + (c - '0');
        return new RowId(ShapeOf(id[..^digits], digits), number);
    }

    /// <summary>The shape of ids of <paramref name="prefix"/> and <paramref name="digits"/>: one of the few this thread made last (ids of one file share a few shapes), or a new one.</summary>
    private static Shape ShapeOf(ReadOnlySpan<char> prefix, int digits)
    {
        var recent = recentShapes ??= new Shape?[4];
        foreach (var shape in recent)
        {
            if (shape is not null && shape.Digits == digits && prefix.SequenceEqual(shape.Prefix))
                return shape;
        }
        var made = new Shape(prefix.ToString(), digits);
        recent[nextShape++ & (recent.Length - 1)] = made;
        return made;
    }

    /// <summary>An optional id: none (which <see cref="ToOptionalString"/> gives back as null) for null.</summary>
    public static RowId OfOptional(string? id) => id is null ? default : Of(id);

    /// <summary>The id, or null for none (<see cref="OfOptional"/>).</summary>
    public string? ToOptionalString() => value is null ? null : ToString();

    public override string ToString()
    {
        if (value is not Shape shape)
            return (string)value;
        return new IdShape(shape.Prefix, shape.Digits).Format(number);
    }

    public bool Equals(RowId other) =>
        number == other.number && (ReferenceEquals(value, other.value) || value switch
        {
            Shape shape => other.value is Shape theirs && shape.Equals(theirs),
            _ => other.value is string theirs && string.Equals((string)value, theirs, StringComparison.Ordinal),
        });

    public override bool Equals(object? obj) => obj is RowId other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(value, number);

    private sealed record Shape(string Prefix, int Digits);
}
