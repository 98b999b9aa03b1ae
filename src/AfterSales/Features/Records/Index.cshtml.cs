using AfterSales.Domain.Records;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Records;

/// <summary>The service records the user may see, searchable, by kind and state.</summary>
public sealed class IndexModel(RecordService records) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public RecordKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Signed { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<RecordSummaryDto> Records { get; private set; } = null!;

    public async Task OnGetAsync() => Records = await records.ListAsync(new RecordFilter { Q = Q, Kind = Kind, Signed = Signed }, PageNumber);
}
