namespace AfterSales.Domain;

/// <summary>The checks every entity makes on text it is given.</summary>
public static class Guard
{
    /// <summary>The trimmed text, or a "Required" error on <paramref name="field"/> when there is none.</summary>
    public static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException("Required") { Field = field } : value.Trim();

    /// <summary>The trimmed text, or null when there is none.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
