using System.Text.Json;
using AfterSales.Tests.Support;

namespace AfterSales.Tests.Features;

/// <summary><c>./aftersales trip allowance</c>: the per diem of two times as JSON, without the database (TRV-2).</summary>
public sealed class TripCommandTests
{
    [Fact]
    public async Task Prints_the_per_diem_and_each_day_with_its_amount_and_reason()
    {
        var run = await Cli.RunWithoutDatabaseAsync("trip", "allowance", "--depart", "2026-10-05T08:00", "--return", "2026-10-06T10:00");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(45m, json.GetProperty("perDiem").GetDecimal());
        var days = json.GetProperty("days").EnumerateArray().Select(d =>
            (d.GetProperty("date").GetString(), d.GetProperty("amount").GetDecimal(), d.GetProperty("reason").GetString())).ToList();
        Assert.Equal([("2026-10-05", 30m, "出发日：08:00 出发，早于 12:00，按全天计 30 元"), ("2026-10-06", 15m, "返回日：10:00 返回，计 15 元")], days);
    }

    [Theory]
    [InlineData("2026-10-06T10:00", "2026-10-05T08:00", "返回时间不能早于出发时间。")]
    [InlineData("2026-10-05 8am", "2026-10-06T10:00", "--depart")]
    [InlineData("2026-10-05T08:00", "2026-13-06T10:00", "--return")]
    public async Task Bad_or_reversed_times_are_an_error_on_stderr_with_exit_code_2(string depart, string back, string message)
    {
        var run = await Cli.RunWithoutDatabaseAsync("trip", "allowance", "--depart", depart, "--return", back);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public async Task A_policy_file_changes_the_amounts()
    {
        var folder = Directory.CreateTempSubdirectory("trip-").FullName;
        try
        {
            var policy = Path.Combine(folder, "policy.yaml");
            await File.WriteAllTextAsync(policy, AfterSales.Domain.Assessment.PolicyDocument.DefaultText()
                .Replace("fullDay: 30", "fullDay: 50").Replace("version: \"1\"", "version: \"7\""));
            var run = await Cli.RunWithoutDatabaseAsync("trip", "allowance", "--depart", "2026-10-05T08:00", "--return", "2026-10-07T10:00", "--policy", policy);
            Assert.True(run.ExitCode == 0, run.ToString());
            var json = JsonDocument.Parse(run.Output).RootElement;
            Assert.Equal((115m, "7"), (json.GetProperty("perDiem").GetDecimal(), json.GetProperty("policyVersion").GetString()));

            await File.WriteAllTextAsync(policy, "name: x\nbonusBas: 1\n");
            Assert.Equal(2, (await Cli.RunWithoutDatabaseAsync("trip", "allowance", "--depart", "2026-10-05T08:00", "--return", "2026-10-07T10:00", "--policy", policy)).ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
