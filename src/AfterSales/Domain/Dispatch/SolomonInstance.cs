using System.Globalization;

namespace AfterSales.Domain.Dispatch;

/// <summary>The Solomon file could not be read; the message says where and why.</summary>
public sealed class SolomonFormatException(string message) : Exception(message);

/// <summary>
/// A Solomon VRPTW instance in its original text format: a name line, <c>VEHICLE / NUMBER CAPACITY</c>, then
/// <c>CUSTOMER</c> rows (number, x, y, demand, ready time, due date, service time); row 0 is the depot.
/// As a dispatch problem: one job per customer (id = customer number), identical technicians at the depot whose
/// day is the depot's window, travel time = Euclidean distance, fewest technicians first.
/// </summary>
public static class SolomonInstance
{
    /// <summary>Fixed cost per vehicle: larger than any Solomon distance, so vehicles count first.</summary>
    public const double VehicleCost = 100_000;

    public static DispatchProblem Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SolomonFormatException($"{path}: cannot read the file ({e.Message})");
        }
        return Parse(text, Path.GetFileNameWithoutExtension(path));
    }

    public static DispatchProblem Parse(string text, string fallbackName)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var name = lines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? fallbackName;
        int? vehicles = null;
        double capacity = 0;
        var rows = new List<double[]>();
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var upper = line.ToUpperInvariant();
            if (upper == "VEHICLE" || upper == "CUSTOMER")
            {
                section = upper;
                continue;
            }
            if (upper.StartsWith("NUMBER", StringComparison.Ordinal) || upper.StartsWith("CUST", StringComparison.Ordinal)) continue;
            var numbers = Numbers(line, i + 1);
            if (numbers is null)
            {
                if (section == "") continue; // the name line
                throw new SolomonFormatException($"line {i + 1}: expected numbers, found \"{Shorten(line)}\"");
            }
            if (section == "VEHICLE")
            {
                if (numbers.Length != 2 || vehicles is not null) throw new SolomonFormatException($"line {i + 1}: expected \"NUMBER CAPACITY\"");
                vehicles = (int)numbers[0];
                capacity = numbers[1];
            }
            else if (section == "CUSTOMER")
            {
                if (numbers.Length != 7) throw new SolomonFormatException($"line {i + 1}: expected 7 numbers (no, x, y, demand, ready, due, service), found {numbers.Length}");
                rows.Add(numbers);
            }
            else
            {
                throw new SolomonFormatException($"line {i + 1}: numbers before the VEHICLE section");
            }
        }
        if (vehicles is not > 0) throw new SolomonFormatException("no VEHICLE section with a positive number of vehicles");
        if (capacity <= 0) throw new SolomonFormatException("the vehicle capacity must be positive");
        if (rows.Count < 2) throw new SolomonFormatException("no CUSTOMER rows (the depot and at least one customer)");
        var depot = rows[0];
        if (depot[0] != 0) throw new SolomonFormatException("the first CUSTOMER row must be the depot, number 0");
        var start = new GeoPoint(depot[1], depot[2]);
        var jobs = new List<DispatchJob>();
        var numbersSeen = new HashSet<int>();
        foreach (var r in rows.Skip(1))
        {
            var number = (int)r[0];
            if (number <= 0 || number != r[0] || !numbersSeen.Add(number)) throw new SolomonFormatException($"customer number {r[0]} is not a new positive whole number");
            if (r[4] > r[5]) throw new SolomonFormatException($"customer {number}: the ready time is after the due date");
            jobs.Add(new DispatchJob(number.ToString(CultureInfo.InvariantCulture), new GeoPoint(r[1], r[2]), r[4], r[5], r[6]) { Demand = r[3] });
        }
        var technicians = Enumerable.Range(1, vehicles.Value)
            .Select(v => new DispatchTechnician($"V{v}", start, start, depot[4], depot[5]) { Capacity = capacity, FixedCost = VehicleCost })
            .ToList();
        return new DispatchProblem(name, jobs, technicians, new StraightLineTravel()) { FewestTechniciansFirst = true };
    }

    private static double[]? Numbers(string line, int lineNumber)
    {
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var values = new double[parts.Length];
        for (var k = 0; k < parts.Length; k++)
        {
            if (!double.TryParse(parts[k], NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]))
                return k == 0 ? null : throw new SolomonFormatException($"line {lineNumber}: \"{Shorten(parts[k])}\" is not a number");
            if (!double.IsFinite(values[k])) throw new SolomonFormatException($"line {lineNumber}: \"{Shorten(parts[k])}\" is not a finite number");
        }
        return values;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
