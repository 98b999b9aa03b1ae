using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Reports;

/// <summary>One report: the message as received, each entry with the job it matched, the day's jobs without an entry, the parser's problems.</summary>
[Authorize(Policy = Policies.ViewDailyReports)]
public sealed class DetailsModel(DailyReportService reports) : PageModel
{
    public ReportDetailsDto Report { get; private set; } = null!;

    public async Task OnGetAsync(int id) => Report = await reports.GetAsync(id);
}
