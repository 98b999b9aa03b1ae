namespace AfterSales.Domain;

/// <summary>The checks every entity makes on text it is given.</summary>
public static class Guard
{
    /// <summary>The trimmed text, or a "Required" error on <paramref name="field"/> when there is none.</summary>
    public static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException("Required") { Field = field } : value.Trim();

    /// <summary>The text, or a "TextTooLong" error on <paramref name="field"/> when it is longer than its column holds.</summary>
    public static string MaxLength(string value, int max, string field) =>
        value.Length > max ? throw new DomainException("TextTooLong", max) { Field = field } : value;

    /// <summary>The trimmed text, or null when there is none.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
