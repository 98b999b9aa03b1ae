using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace AfterSales.Features.Trips;

/// <summary>The month's reimbursement list as an Excel workbook for finance: one row per person and region, then the totals.</summary>
public sealed class ReimbursementExport(TripService trips, IStringLocalizer<TripsText> text)
{
    public async Task<(byte[] Content, string FileName)> RenderAsync(string? month)
    {
        var list = await trips.ReimbursementsAsync(month);
        string H(string key) => text[$"Export.{key}"];
        Dictionary<string, object?> Row(string? region, string? number, string? name, int? count, decimal tickets, decimal perDiem, decimal expenses, decimal total) => new()
        {
            [H("Month")] = list.Month, [H("Region")] = region, [H("StaffNumber")] = number, [H("Name")] = name, [H("Trips")] = count,
            [H("Tickets")] = tickets, [H("PerDiem")] = perDiem, [H("Expenses")] = expenses, [H("Total")] = total,
        };
        var rows = list.Rows.Select(r => Row(r.RegionName, r.StaffNumber, r.TravellerName, r.Trips, r.Tickets, r.PerDiem, r.Expenses, r.Total)).ToList();
        rows.Add(Row(text["Export.AllRegions"], null, text["Export.Sum"], list.Rows.Sum(r => r.Trips), list.Tickets, list.PerDiem, list.Expenses, list.Total));
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, sheetName: list.Month);
        return (stream.ToArray(), $"reimbursements-{list.Month}.xlsx");
    }
}
