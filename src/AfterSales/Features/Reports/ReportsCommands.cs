using System.CommandLine;
using System.Globalization;
using AfterSales.Data;
using AfterSales.Domain;

namespace AfterSales.Features.Reports;

/// <summary><c>./aftersales reports judge --date yyyy-MM-dd</c>: judge a day's daily reports now (RPT-3), e.g. from cron; safe to rerun.</summary>
public static class ReportsCommands
{
    public static Command Create(Func<WebApplication> app)
    {
        var reports = new Command("reports", "Daily work reports (RPT-2, RPT-3).");
        var judge = new Command("judge", "Judge every technician on field duty on a day whose report window has ended; raises the incidents once.");
        var date = new Option<string>("--date") { Description = "The local day, yyyy-MM-dd", Required = true };
        judge.Options.Add(date);
        judge.SetAction(async (result, ct) =>
        {
            if (!DateOnly.TryParseExact(result.GetValue(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                await Console.Error.WriteLineAsync("--date must be yyyy-MM-dd.");
                return 2;
            }
            await using var scope = app().Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "cli:reports judge";
            try
            {
                var judged = await scope.ServiceProvider.GetRequiredService<DailyReportJudge>().JudgeAsync(day, ct);
                Console.WriteLine($"Daily reports of {day:yyyy-MM-dd}: {judged.Judged} judged, {judged.Incidents} incident(s), {judged.AlreadyJudged} judged before.");
                return 0;
            }
            catch (DomainException e) when (e.Code == "DailyReportWindowOpen")
            {
                await Console.Error.WriteLineAsync($"The report window of {day:yyyy-MM-dd} has not ended yet.");
                return 1;
            }
        });
        reports.Subcommands.Add(judge);
        return reports;
    }
}
