using System.Globalization;

namespace AfterSales.Domain.Travel;

/// <summary>
/// The <c>travel:</c> section of the policy document (TRV-1, TRV-2, TRV-3): per diem amounts, the time of day that
/// splits a departure day into full and half, the home station and when work ends on the return day. A document
/// without the section has these defaults (the values of REQUIREMENTS.md).
/// </summary>
public sealed class TravelPolicy
{
    /// <summary>Per diem of a full day away: days in between, and a departure day left before <see cref="DepartureCutoff"/>.</summary>
    public decimal FullDay { get; set; } = 30;

    /// <summary>Per diem of a departure day left at or after <see cref="DepartureCutoff"/>.</summary>
    public decimal LateDeparture { get; set; } = 15;

    /// <summary>Per diem of the return day.</summary>
    public decimal ReturnDay { get; set; } = 15;

    /// <summary>Per diem of a trip that departs and returns the same day (tickets only).</summary>
    public decimal SameDay { get; set; }

    /// <summary>Local time (HH:mm): a departure before it makes the day a full day, at or after it a late departure.</summary>
    public string DepartureCutoff { get; set; } = "12:00";

    /// <summary>Local time (HH:mm) work ends: arriving before it, the technician reports at the company; after it, phones the manager (TRV-3).</summary>
    public string WorkEnds { get; set; } = "18:00";

    /// <summary>The home station trips leave from; empty means the city of the traveller's region.</summary>
    public string HomeStation { get; set; } = "";

    public static bool TryTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public TimeOnly Cutoff() => TryTime(DepartureCutoff, out var t) ? t : throw new InvalidOperationException("The departure cutoff was not checked.");

    public TimeOnly EndOfWork() => TryTime(WorkEnds, out var t) ? t : throw new InvalidOperationException("The end of work was not checked.");

    /// <summary>Every problem of the section as (path under <c>travel.</c>, ErrorText code, arguments).</summary>
    public IEnumerable<(string Path, string Code, object[] Arguments)> Problems()
    {
        foreach (var (name, amount) in new[] { ("fullDay", FullDay), ("lateDeparture", LateDeparture), ("returnDay", ReturnDay), ("sameDay", SameDay) })
        {
            if (amount < 0) yield return (name, "Policy.Negative", []);
            else if (decimal.Round(amount, 2) != amount) yield return (name, "Policy.Cents", []);
        }
        if (!TryTime(DepartureCutoff, out _)) yield return ("departureCutoff", "Policy.TimeOfDay", []);
        if (!TryTime(WorkEnds, out _)) yield return ("workEnds", "Policy.TimeOfDay", []);
        if (HomeStation?.Length > 50) yield return ("homeStation", "TextTooLong", [50]);
    }
}
