using System.CommandLine;
using System.Globalization;
using AfterSales.Data;

namespace AfterSales.Features.Attendance;

/// <summary><c>./aftersales attendance check [--date yyyy-MM-dd]</c>: run the location rules for a day and settle the phone deadlines, once.</summary>
public static class AttendanceCommands
{
    public static Command Create(Func<WebApplication> app)
    {
        var attendance = new Command("attendance", "Location checks (ATT-1) and phone reachability (ATT-2).");
        var date = new Option<string?>("--date") { Description = "The local day to check (yyyy-MM-dd); default yesterday and today." };
        var check = new Command("check", "Raise the incidents of location anomalies and of phone deadlines that have passed; safe to rerun.") { date };
        check.SetAction(async (parsed, ct) =>
        {
            DateOnly? day = null;
            if (parsed.GetValue(date) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    Console.Error.WriteLine($"--date: expected yyyy-MM-dd, got '{text}'.");
                    return 2;
                }
                day = d;
            }
            await using var scope = app().Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "cli:attendance check";
            var (days, phone) = await scope.ServiceProvider.GetRequiredService<AttendanceCheck>().RunAsync(day, ct);
            foreach (var d in days)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{d.Day:yyyy-MM-dd}: {d.Found} anomaly(ies) found, {d.Raised} incident(s) raised ({d.Waived} waived)."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Phone: {phone} incident(s) raised or updated."));
            return 0;
        });
        attendance.Subcommands.Add(check);
        return attendance;
    }
}
