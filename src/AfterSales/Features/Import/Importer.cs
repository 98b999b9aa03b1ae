using AfterSales.Data;
using AfterSales.Domain;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Import;

/// <summary>
/// One kind of import: reads each row into an entity (the entity's own constructor and verbs apply the domain rules),
/// checks what needs several rows or the database, and writes the valid ones. Nothing is written until every row
/// has been checked.
/// </summary>
public abstract class Importer<T>(AppDbContext db) : IImporter where T : class
{
    private readonly List<(ImportRow Row, T? Item)> _rows = [];

    protected AppDbContext Db => db;

    public abstract IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>Loads what rows are checked against: regions, existing codes, numbers and phones.</summary>
    public abstract Task PrepareAsync(CancellationToken ct);

    public void Read(ImportRow row) => _rows.Add((row, Build(row)));

    /// <summary>The entity for a row, or null when the row has problems (recorded on it).</summary>
    protected abstract T? Build(ImportRow row);

    /// <summary>Rules that need other rows (a manager in the same file …); may add problems to rows that were valid.</summary>
    public virtual void CheckAcrossRows() { }

    protected IEnumerable<(ImportRow Row, T Item)> ValidRows =>
        _rows.Where(r => r.Row.IsValid && r.Item is not null).Select(r => (r.Row, r.Item!));

    public async Task<int> SaveAsync(CancellationToken ct)
    {
        var valid = ValidRows.ToList();
        db.AddRange(valid.Select(v => (object)v.Item));
        await db.SaveChangesAsync(ct);
        await AfterInsertAsync(valid, ct);
        return valid.Count;
    }

    /// <summary>Links that need the new rows' ids (a manager imported in the same file …).</summary>
    protected virtual Task AfterInsertAsync(IReadOnlyList<(ImportRow Row, T Item)> saved, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Runs a constructor or verb of the domain; a broken rule becomes a problem on the column its field comes from.
    /// </summary>
    protected static TResult? Apply<TResult>(ImportRow row, Func<TResult> action, IReadOnlyDictionary<string, ImportColumn> fields, ImportColumn fallback)
        where TResult : class
    {
        try
        {
            return action();
        }
        catch (DomainException e)
        {
            row.Problem(e.Field is not null && fields.TryGetValue(e.Field, out var column) ? column : fallback, e);
            return null;
        }
    }

    protected static bool Apply(ImportRow row, Action action, IReadOnlyDictionary<string, ImportColumn> fields, ImportColumn fallback) =>
        Apply(row, () => { action(); return new object(); }, fields, fallback) is not null;
}

public interface IImporter
{
    IReadOnlyList<ImportColumn> Columns { get; }
    Task PrepareAsync(CancellationToken ct);
    void Read(ImportRow row);
    void CheckAcrossRows();
    Task<int> SaveAsync(CancellationToken ct);
}

/// <summary>The first row each key (code, number, phone) was seen on, to tell a repeat within the file.</summary>
public sealed class FirstSeen
{
    private readonly Dictionary<string, int> _rows = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>False, with a problem on the row, when the key was already on an earlier row.</summary>
    public bool Check(ImportRow row, ImportColumn column, string key)
    {
        if (_rows.TryGetValue(key, out var first))
        {
            row.Problem(column, "DuplicateInFile", key, first);
            return false;
        }
        _rows[key] = row.Number;
        return true;
    }

    public int? RowOf(string key) => _rows.TryGetValue(key, out var row) ? row : null;
}

/// <summary>Regions by code (FJ) or by name (福建区, also without its 区).</summary>
public sealed class RegionLookup
{
    private readonly Dictionary<string, int> _byKey = new(StringComparer.OrdinalIgnoreCase);

    private RegionLookup() { }

    public static async Task<RegionLookup> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var lookup = new RegionLookup();
        foreach (var region in await db.Regions.AsNoTracking().Select(r => new { r.Id, r.Code, r.Name }).ToListAsync(ct))
        {
            lookup._byKey.TryAdd(region.Code.Trim(), region.Id);
            lookup._byKey.TryAdd(region.Name.Trim(), region.Id);
            if (region.Name.Trim() is [.. var shortName, '区'] && shortName.Length > 0) lookup._byKey.TryAdd(shortName, region.Id);
        }
        return lookup;
    }

    public int? Find(string text) => _byKey.TryGetValue(text.Trim(), out var id) ? id : null;

    /// <summary>Reads the region column: null with a problem when the region is unknown.</summary>
    public int? Read(ImportRow row, ImportColumn column, bool required)
    {
        var text = required ? row.Required(column) : row.Text(column);
        if (text is null) return null;
        var id = Find(text);
        if (id is null) row.Problem(column, "RegionNotFound", text);
        return id;
    }
}
