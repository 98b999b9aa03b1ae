namespace AfterSales.Domain.Reports;

/// <summary>A job of the technician's day, with what a report entry may name of it (RPT-2).</summary>
public sealed record DayJob(int WorkOrderId, string Number, string SiteName, string City, string Address, string CustomerName,
    IReadOnlyList<string> Phones, IReadOnlyList<string> EquipmentKinds);

/// <summary>
/// Matches report entries to the day's jobs (RPT-2): the contact phone counts most (masked digits <c>*</c> match any
/// digit, at least seven digits must be shown), then the place (the site's name, address, city or customer name
/// contains it, or it contains the site's name), then the equipment kind. Each job is taken by one entry at most,
/// the best-scoring pairs first; an entry with nothing in common with any job stays unmatched.
/// </summary>
public static class ReportMatcher
{
    private const int PhoneScore = 4;
    private const int PlaceScore = 2;
    private const int EquipmentScore = 1;
    private const int MinimumShownDigits = 7;

    public static IReadOnlyList<int?> Match(IReadOnlyList<ReportEntry> entries, IReadOnlyList<DayJob> jobs)
    {
        var pairs = new List<(int Entry, int Job, int Score)>();
        for (var e = 0; e < entries.Count; e++)
            for (var j = 0; j < jobs.Count; j++)
            {
                var score = Score(entries[e], jobs[j]);
                if (score > EquipmentScore || (score > 0 && jobs.Count == 1)) pairs.Add((e, j, score));
            }
        var result = new int?[entries.Count];
        var taken = new bool[jobs.Count];
        foreach (var (e, j, _) in pairs.OrderByDescending(p => p.Score).ThenBy(p => p.Entry).ThenBy(p => p.Job))
        {
            if (result[e] is not null || taken[j]) continue;
            result[e] = jobs[j].WorkOrderId;
            taken[j] = true;
        }
        return result;
    }

    public static int Score(ReportEntry entry, DayJob job)
    {
        var score = 0;
        if (entry.PhoneDigits is { } digits && job.Phones.Any(p => PhoneMatches(digits, p))) score += PhoneScore;
        var place = entry.Place ?? entry.Subject;
        if (PlaceMatches(place, job)) score += PlaceScore;
        if (entry.Equipment is { } kind && job.EquipmentKinds.Contains(kind, StringComparer.Ordinal)) score += EquipmentScore;
        return score;
    }

    /// <summary>Digits as typed (<c>*</c> masked) against a stored number: the same length, every shown digit equal.</summary>
    public static bool PhoneMatches(string typed, string stored)
    {
        var number = new string([.. stored.Where(char.IsAsciiDigit)]);
        if (number.Length == 0 || typed.Length != number.Length) return false;
        var shown = 0;
        for (var i = 0; i < typed.Length; i++)
        {
            if (typed[i] == '*') continue;
            if (typed[i] != number[i]) return false;
            shown++;
        }
        return shown >= Math.Min(MinimumShownDigits, number.Length);
    }

    private static bool PlaceMatches(string place, DayJob job)
    {
        place = place.Trim();
        if (place.Length < 2) return false;
        foreach (var text in new[] { job.SiteName, job.Address, job.CustomerName })
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (text.Contains(place, StringComparison.Ordinal) || place.Contains(text, StringComparison.Ordinal)) return true;
            // 漳州民主路 against city 漳州 + address 民主路88号: the place without the city is in the address.
            if (job.City.Length > 0 && place.StartsWith(job.City, StringComparison.Ordinal) && place.Length > job.City.Length + 1
                && text.Contains(place[job.City.Length..], StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
