using System.Globalization;
using AfterSales.Data;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
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
        if (stored.Length is 0 or > 40 || !char.IsAsciiLetterUpper(stored[0]) || !stored.All(char.IsAsciiLetterOrDigit)) return stored;
        var key = $"{field}.{stored}";
        if (values?[key] is { ResourceNotFound: false } own) return own.Value;
        var shared = text[key];
        return shared.ResourceNotFound ? stored : shared.Value;
    }
}
