using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Assessment;

/// <summary>
/// RNK-4: a month's statements. A technician sees their own, line by line; managers see their region's, head office
/// everyone's, with the export for payroll and, once the month is over, the close (ASM-15).
/// </summary>
public sealed class IndexModel(StatementService statements, LocalTime local, IStringLocalizer<AssessmentText> text) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public StatementDto? Own { get; private set; }
    public MonthDto? Data { get; private set; }
    public bool MayEditPolicy { get; private set; }

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostCloseAsync()
    {
        var closed = await statements.CloseAsync(AssessmentApi.Month(Month));
        TempData["Flash"] = text["Closed", closed.Month, closed.People, closed.Lines].Value;
        return Redirect($"/Assessment?month={closed.Month}");
    }

    public async Task ReloadAsync()
    {
        if (!MonthRange.TryParse(Month, out var month)) month = (local.Today.Year, local.Today.Month);
        Month = MonthRange.Text(month);
        var scope = AccessScope.From(User);
        MayEditPolicy = Policies.Allows(Policies.EditPolicy, scope.Role) || Policies.Allows(Policies.ApprovePolicy, scope.Role);
        if (Policies.Allows(Policies.ViewStatements, scope.Role)) Data = await statements.MonthAsync(month);
        else Own = await statements.StatementAsync(scope.StaffId, month);
    }
}
