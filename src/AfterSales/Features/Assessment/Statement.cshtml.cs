using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Assessment;

/// <summary>RNK-4: one person's statement of a month, every line with its rule, policy version and reason.</summary>
public sealed class StatementModel(StatementService statements, LocalTime local) : PageModel
{
    [BindProperty(SupportsGet = true)] public int StaffId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public StatementDto Statement { get; private set; } = null!;

    public async Task OnGetAsync() =>
        Statement = await statements.StatementAsync(StaffId, MonthRange.TryParse(Month, out var month) ? month : (local.Today.Year, local.Today.Month));
}
