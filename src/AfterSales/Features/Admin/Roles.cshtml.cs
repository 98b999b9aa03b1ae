using System.Globalization;
using AfterSales.Data;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Admin;

/// <summary>The roles of SEC-1: what each may use (from <see cref="Policies.Roles"/>) and who holds it.</summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class RolesModel(AppDbContext db, IStringLocalizer<UiText> ui) : PageModel
{
    public sealed record RoleRow(StaffRole Role, string Chinese, string English, int ActiveStaff, IReadOnlySet<string> Capabilities);

    public IReadOnlyList<string> Capabilities { get; } = Policies.Roles.Keys.ToList();

    public List<RoleRow> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var counts = await db.Staff.AsNoTracking().Where(s => s.IsActive).GroupBy(s => s.Role)
            .Select(g => new { Role = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Role, g => g.Count);
        Rows = Enum.GetValues<StaffRole>().Select(role => new RoleRow(role,
            InCulture("zh-CN", () => ui["Role." + role]), InCulture("en", () => ui["Role." + role]),
            counts.GetValueOrDefault(role),
            Policies.Roles.Where(p => p.Value.Contains(role)).Select(p => p.Key).ToHashSet())).ToList();
    }

    /// <summary>Both names are shown whatever the page's language, so the two can be matched up.</summary>
    private static string InCulture(string culture, Func<string> read)
    {
        var current = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return read(); }
        finally { CultureInfo.CurrentUICulture = current; }
    }
}
