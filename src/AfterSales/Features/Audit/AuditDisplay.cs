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

    /// <summary>A value as stored, except instants (ISO 8601 with an offset), which are shown as local time.</summary>
    public string Value(string? stored)
    {
        if (stored is null) return "∅";
        return stored.Length >= 19 && stored[10] == 'T'
            && DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? time.ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : stored;
    }
}
