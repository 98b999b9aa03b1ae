using System.Globalization;
using AfterSales.Data;
using AfterSales.Domain.Audit;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Audit;

/// <summary>
/// How an audited change reads to the people on the page: who by name, which field in their language, and
/// times in the site's zone. The audit rows themselves keep log-ins, property names and UTC (they are hashed).
/// </summary>
public sealed class AuditDisplay(AppDbContext db, LocalTime time, IStringLocalizer<UiText> text)
{
    /// <summary>Staff names of the log-ins among <paramref name="actors"/>; system actors (jobs, "system") keep their own.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> actors)
    {
        var logins = actors.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => logins.Contains(u.UserName!))
            .Select(u => new { u.UserName, Name = db.Staff.Where(s => s.Id == u.StaffId).Select(s => s.Name).FirstOrDefault() })
            .Where(u => u.Name != null)
            .ToDictionaryAsync(u => u.UserName!, u => u.Name!);
    }

    /// <summary>
    /// What the ids among <paramref name="entries"/>' changes point to, by name: a field that is a foreign key in the model
    /// reads "福州仓 (#12)" rather than "12". One query per kind of record referred to; a record without a name, number or
    /// code, or gone, keeps its id.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string EntityType, string Field, string Id), string>> ReferencesAsync(IEnumerable<AuditEntry> entries)
    {
        var types = db.Model.GetEntityTypes().Where(t => !t.IsOwned()).GroupBy(t => t.ClrType.Name).ToDictionary(g => g.Key, g => g.First());
        var links = (
            from entry in entries
            where types.ContainsKey(entry.EntityType)
            from change in HistoryViewComponent.Changes(entry)
            let principal = types[entry.EntityType].FindProperty(change.Field)?.GetContainingForeignKeys().FirstOrDefault()?.PrincipalEntityType
            where principal is not null && NameOf(principal) is not null
            from id in new[] { change.Before, change.After }
            where int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            select (entry.EntityType, change.Field, Id: id!, Principal: principal)).ToList();
        var names = new Dictionary<(IEntityType, string), string>();
        foreach (var group in links.GroupBy(l => l.Principal))
        {
            var principal = group.Key;
            var key = principal.FindPrimaryKey()!.Properties[0].GetColumnName();
            var name = NameOf(principal)!.GetColumnName();
            var ids = group.Select(l => int.Parse(l.Id, CultureInfo.InvariantCulture)).Distinct().ToList();
            // Table and column names come from the model; the ids are parameters.
            var sql = $"SELECT \"{key}\" AS \"Id\", \"{name}\" AS \"Name\" FROM \"{principal.GetTableName()}\" WHERE \"{key}\" IN ("
                + string.Join(", ", ids.Select((_, k) => $"{{{k}}}")) + ")";
            foreach (var row in await db.Database.SqlQueryRaw<Reference>(sql, [.. ids.Cast<object>()]).ToListAsync())
                names[(principal, row.Id.ToString(CultureInfo.InvariantCulture))] = row.Name;
        }
        return links.Where(l => names.ContainsKey((l.Principal, l.Id))).DistinctBy(l => (l.EntityType, l.Field, l.Id))
            .ToDictionary(l => (l.EntityType, l.Field, l.Id), l => $"{names[(l.Principal, l.Id)]} (#{l.Id})");
    }

    /// <summary>The text a record is known by: its name, number or code (a single integer key only).</summary>
    private static IProperty? NameOf(IEntityType type) =>
        type.FindPrimaryKey() is { Properties: [{ ClrType: var keyType }] } && keyType == typeof(int) && type.GetTableName() is not null
            ? new[] { "Name", "Number", "Code" }.Select(type.FindProperty).FirstOrDefault(p => p is { ClrType: var t } && t == typeof(string))
            : null;

    private sealed class Reference
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
    }

    public string Field(string property)
    {
        var localized = text["Field." + property];
        return localized.ResourceNotFound ? property : localized.Value;
    }

    /// <summary>
    /// A value as stored, except instants (ISO 8601 with an offset), shown as local time, and named values (a state, a
    /// kind, a role) and yes/no, shown in the reader's language when the page's texts (<paramref name="values"/>) or the shared
    /// ones name them as "Field.Value".
    /// </summary>
    public string Value(string field, string? stored, IStringLocalizer? values = null)
    {
        if (stored is null) return "∅";
        if (stored.Length >= 19 && stored[10] == 'T'
            && DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return time.ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        if (stored is "True" or "False") return text["Value." + stored];
        // A set of flags is stored as "Owner, Plumber".
        if (stored.Contains(", ", StringComparison.Ordinal)) return string.Join("、", stored.Split(", ").Select(flag => Named(field, flag, values)));
        return Named(field, stored, values);
    }

    private string Named(string field, string stored, IStringLocalizer? values)
    {
        if (stored.Length is 0 or > 40 || !char.IsAsciiLetterUpper(stored[0]) || !stored.All(char.IsAsciiLetterOrDigit)) return stored;
        var key = $"{field}.{stored}";
        if (values?[key] is { ResourceNotFound: false } own) return own.Value;
        var shared = text[key];
        return shared.ResourceNotFound ? stored : shared.Value;
    }
}
