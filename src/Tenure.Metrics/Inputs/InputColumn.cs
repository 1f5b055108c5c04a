namespace Tenure.Metrics.Inputs;

/// <summary>What a column of an input file holds, as docs/input-formats.md states its rule.</summary>
public enum InputValue
{
    /// <summary>Free text or an id; surrounding white space is trimmed.</summary>
    Text,
    /// <summary>An ISO-8601 date or UTC date-time.</summary>
    Instant,
    /// <summary>A decimal that must not be negative ('.' decimal point, no thousands separators).</summary>
    Amount,
    /// <summary>A whole number that must not be negative.</summary>
    Count,
    /// <summary>A whole number (may be negative).</summary>
    WholeNumber,
    /// <summary>A boolean (true/false, yes/no, 1/0); blank is false.</summary>
    Flag,
    /// <summary>One of a fixed set of names (interval, invoice kind, cost kind, scale).</summary>
    Choice,
    /// <summary>One plain e-mail address (name@domain, at most 254 characters).</summary>
    Email,
}

/// <summary>
/// A column of an input file as DESIGN.md names it. A required column must be in the header and
/// have a value on every row; an optional one may be absent or blank.
/// </summary>
public sealed record InputColumn(string Name, InputValue Value, bool Required = false)
{
    /// <summary>A required column.</summary>
    public static InputColumn Key(string name, InputValue value = InputValue.Text) => new(name, value, Required: true);

    /// <summary>An optional column.</summary>
    public static InputColumn Optional(string name, InputValue value = InputValue.Text) => new(name, value);
}
