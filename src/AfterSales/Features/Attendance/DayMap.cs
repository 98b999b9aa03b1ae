using System.Globalization;
using System.Text.Json;
using AfterSales.Infrastructure;

namespace AfterSales.Features.Attendance;

/// <summary>The markers attendance-map.js draws: the technicians with a position that day, at their latest one.</summary>
public static class DayMap
{
    public static string MarkersJson(TodayDto day, LocalTime local) => JsonSerializer.Serialize(day.Technicians.Where(t => t.Lat is not null).Select(t => new
    {
        name = t.StaffName, number = t.StaffNumber, lat = t.Lat, lng = t.Lng, accuracy = t.Accuracy,
        at = local.ToLocal(t.At!.Value).ToString("HH:mm", CultureInfo.InvariantCulture), anomalies = t.Anomalies,
    }));
}
