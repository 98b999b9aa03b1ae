using System.Globalization;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Assessment;

/// <summary>RNK-1/RNK-3: the year's ranks per person and month, and one person's score and rank as a chart.</summary>
public sealed class RankingModel(RankingHistory history, LocalTime local) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? StaffId { get; set; }

    public IReadOnlyList<RankingRow> Rows { get; private set; } = [];
    public RankingRow? Selected { get; private set; }
    public string ChartMonths { get; private set; } = "";
    public string ChartScores { get; private set; } = "";
    public string ChartRanks { get; private set; } = "";

    public async Task OnGetAsync()
    {
        if (Year is < 2000 or > 2200) Year = local.Today.Year;
        Rows = await history.YearAsync(Year);
        var own = AccessScope.From(User).StaffId;
        Selected = Rows.FirstOrDefault(r => r.StaffId == (StaffId ?? own)) ?? Rows.FirstOrDefault();
        if (Selected is null) return;
        var months = Selected.Months.OrderBy(m => m.Key).ToList();
        ChartMonths = string.Join(',', months.Select(m => $"{Year}-{m.Key:00}"));
        ChartScores = string.Join(',', months.Select(m => m.Value.Score.ToString(CultureInfo.InvariantCulture)));
        ChartRanks = string.Join(',', months.Select(m => m.Value.Rank.ToString(CultureInfo.InvariantCulture)));
    }
}
