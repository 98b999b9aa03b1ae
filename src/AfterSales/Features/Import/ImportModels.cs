namespace AfterSales.Features.Import;

/// <summary>What a file holds. The URL, the API and the command line name it in lower case (staff, customers, products).</summary>
public enum ImportKind
{
    Staff,
    Customers,
    Products,
}

/// <summary>
/// All or nothing (the default): one bad row and nothing is written. Valid rows only: the good rows are written,
/// the bad ones listed. Either way the writing is one transaction.
/// </summary>
public enum ImportMode
{
    AllOrNothing,
    ValidRowsOnly,
}

public static class ImportNames
{
    public static readonly IReadOnlyList<ImportKind> Kinds = [ImportKind.Staff, ImportKind.Customers, ImportKind.Products];

    public static string Slug(this ImportKind kind) => kind.ToString().ToLowerInvariant();

    public static ImportKind? ParseKind(string? text) =>
        Kinds.Cast<ImportKind?>().FirstOrDefault(k => string.Equals(k!.Value.Slug(), text?.Trim(), StringComparison.OrdinalIgnoreCase));

    public const string AllOrNothingSlug = "all";
    public const string ValidRowsOnlySlug = "valid-only";

    public static string Slug(this ImportMode mode) => mode == ImportMode.ValidRowsOnly ? ValidRowsOnlySlug : AllOrNothingSlug;

    public static ImportMode? ParseMode(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or AllOrNothingSlug => ImportMode.AllOrNothing,
        ValidRowsOnlySlug or "valid" or "validonly" or "valid-rows-only" => ImportMode.ValidRowsOnly,
        _ => null,
    };
}

/// <summary>One problem with one cell (or with the header row): where, what was written there, and why.</summary>
/// <param name="Row">The row as Excel numbers it: the header is row 1 (or the row it was found on).</param>
/// <param name="Column">The column's header as written in the file.</param>
/// <param name="Value">The cell as the person sees it; null when it is empty.</param>
/// <param name="Code">The ErrorText key, stable for programs that read the report.</param>
/// <param name="Message">The problem in the reader's language.</param>
public sealed record ImportProblem(int Row, string Column, string? Value, string Code, string Message);

/// <summary>What an import read, what it wrote and what was wrong. Nothing was written when <see cref="Imported"/> is 0.</summary>
public sealed record ImportReport(
    string Kind,
    string Mode,
    int RowsRead,
    int RowsValid,
    int Imported,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<ImportProblem> Problems)
{
    public bool Rejected => Imported == 0;

    /// <summary>How many rows have at least one problem (the header row counts as one when it is wrong).</summary>
    public int RowsWithProblems => Problems.Select(p => p.Row).Distinct().Count();
}
