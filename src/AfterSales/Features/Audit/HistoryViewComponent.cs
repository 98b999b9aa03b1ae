using AfterSales.Data;
using AfterSales.Domain.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Audit;

/// <summary>
/// The history panel on a record's page: every change to it, newest first — and, when asked, to the records
/// that belong to it (a product's files, a customer's sites), found by their parent key in the audited values.
/// </summary>
public sealed class HistoryViewComponent(AppDbContext db) : ViewComponent
{
    public const int Shown = 50;

    /// <summary>The record's history; <paramref name="values"/> are the page's own texts, where stored values such as states read as "State.Underway".</summary>
    public async Task<IViewComponentResult> InvokeAsync(string entityType, int entityId, string? childType = null, string? parentKey = null,
        IStringLocalizer? values = null)
    {
        var id = entityId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Audited values are JSON with sorted keys: the parent key is followed by "," or "}".
        var inBody = $"\"{parentKey}\":{id},";
        var atEnd = $"\"{parentKey}\":{id}}}";
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == entityType && a.EntityId == id)
                || (childType != null && a.EntityType == childType
                    && (a.After!.Contains(inBody) || a.After.Contains(atEnd) || a.Before!.Contains(inBody) || a.Before.Contains(atEnd))))
            .OrderByDescending(a => a.Sequence)
            .Take(Shown)
            .ToListAsync();
        ViewData["EntityType"] = entityType;
        ViewData["HistoryValues"] = values;
        return View("~/Features/Audit/_History.cshtml", rows);
    }

    /// <summary>Only the fields that changed, as "field: before → after".</summary>
    public static IEnumerable<(string Field, string? Before, string? After)> Changes(AuditEntry entry)
    {
        var before = Parse(entry.Before);
        var after = Parse(entry.After);
        foreach (var key in before.Keys.Union(after.Keys).Where(k => k != "Version").OrderBy(k => k, StringComparer.Ordinal))
        {
            before.TryGetValue(key, out var b);
            after.TryGetValue(key, out var a);
            if (b != a) yield return (key, b, a);
        }
    }

    private static Dictionary<string, string?> Parse(string? json)
    {
        if (json is null) return [];
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name,
            p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Null ? null : p.Value.ToString());
    }
}
