using System.Text.Json;
using AfterSales.Tests.Support;

namespace AfterSales.Tests.Features;

/// <summary><c>./aftersales assess</c>: what-if statements from JSON Lines, without the database (issue 5).</summary>
public sealed class AssessCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("assess-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Prints_one_statement_per_person_with_every_line_naming_its_rule_policy_version_and_reason()
    {
        var incidents = Write("incidents.jsonl", """
            {"person":"tech01","kind":"complaint_attitude","at":"2026-10-03T10:00:00+08:00"}
            {"person":"tech01","kind":"complaint_attitude","at":"2026-10-13T10:00:00+08:00"}
            {"person":"tech01","kind":"gps_anomaly","at":"2026-10-14T10:00:00+08:00"}

            {"person":"tech02","kind":"expense_false_claim","at":"2025-09-01T10:00:00+08:00","amount":50}
            {"person":"tech02","kind":"expense_false_claim","at":"2026-10-20T10:00:00+08:00","amount":88.8}
            {"person":"tech02","kind":"gps_anomaly","at":"2026-10-21T10:00:00+08:00","waived":"事先报备：山区"}
            {"person":"tech03","kind":"complaint_attitude","at":"2026-09-30T23:59:00+08:00"}
            """);
        var people = Write("people.jsonl", """
            {"person":"tech01","name":"张伟","manager":"fj.manager","bonusBase":800}
            {"person":"tech02","name":"刘洋","manager":"fj.manager"}
            {"person":"tech03","name":"杨帆","manager":"fj.manager"}
            """);

        var run = await Cli.RunWithoutDatabaseAsync("assess", "--month", "2026-10", "--incidents", incidents, "--people", people);

        Assert.True(run.ExitCode == 0, run.ToString());
        var statements = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["fj.manager", "tech01", "tech02", "tech03"], statements.Select(s => s.GetProperty("person").GetString()));
        var tech01 = statements[1];
        Assert.Equal("2026-10", tech01.GetProperty("month").GetString());
        // 800 − (100 + 200) − 20 = 480
        Assert.Equal((800m, 300m, 20m, 480m), (tech01.GetProperty("bonusBase").GetDecimal(), tech01.GetProperty("bonusDeductions").GetDecimal(),
            tech01.GetProperty("payDeductions").GetDecimal(), tech01.GetProperty("net").GetDecimal()));
        var second = tech01.GetProperty("lines")[1];
        Assert.Equal(("ASM-11", "1", "bonus", 200m, "本月第 2 次态度投诉"), (second.GetProperty("rule").GetString(), second.GetProperty("policyVersion").GetString(),
            second.GetProperty("pot").GetString(), second.GetProperty("amount").GetDecimal(), second.GetProperty("reason").GetString()));
        // The second false claim of the employment: the whole bonus and 10 × 88.80 from pay; the waived anomaly costs nothing.
        var tech02 = statements[2];
        Assert.True(tech02.GetProperty("bonusForfeited").GetBoolean());
        Assert.Equal((1000m, 888m, -888m), (tech02.GetProperty("bonusDeductions").GetDecimal(), tech02.GetProperty("payDeductions").GetDecimal(),
            tech02.GetProperty("net").GetDecimal()));
        Assert.Contains("免责：事先报备：山区", tech02.GetProperty("lines")[2].GetProperty("reason").GetString());
        // September's complaint (Beijing time) is not October's; the manager's co-penalty for tech01's anomaly is 10.
        Assert.Equal(1000m, statements[3].GetProperty("net").GetDecimal());
        Assert.Equal(10m, statements[0].GetProperty("payDeductions").GetDecimal());
    }

    [Fact]
    public async Task A_bad_line_is_reported_with_its_number_exit_code_2_and_nothing_is_printed()
    {
        var incidents = Write("bad.jsonl", """
            {"person":"tech01","kind":"complaint_attitude","at":"2026-10-03T10:00:00+08:00"}
            {"person":"tech01","kind":"complaint_atitude","at":"2026-10-03T10:00:00+08:00"}
            {"person":"tech01","kind":"gps_anomaly","at":"2026-10-03T10:00:00"}
            not json
            {"person":"tech01","kind":"leaving_post","at":"2026-10-05T10:00:00+08:00","amount":800}
            """);
        var run = await Cli.RunWithoutDatabaseAsync("assess", "--month", "2026-10", "--incidents", incidents);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("bad.jsonl 第 2 行：kind 无效：complaint_atitude", run.Error);
        Assert.Contains("bad.jsonl 第 3 行：at 必须带时区偏移", run.Error);
        Assert.Contains("bad.jsonl 第 4 行", run.Error);

        var onlyRange = Write("range.jsonl", """{"person":"tech01","kind":"leaving_post","at":"2026-10-05T10:00:00+08:00","amount":800}""");
        var refused = await Cli.RunWithoutDatabaseAsync("assess", "--month", "2026-10", "--incidents", onlyRange);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("range.jsonl 第 1 行：金额必须在 100 元到 500 元之间。", refused.Error);
    }

    [Fact]
    public async Task A_policy_file_changes_the_amounts_and_a_bad_one_is_refused_with_the_field_and_reason()
    {
        var incidents = Write("incidents.jsonl", """{"person":"tech01","kind":"phone_unreachable","at":"2026-10-03T10:00:00+08:00"}""");
        var policy = AfterSales.Domain.Assessment.PolicyDocument.DefaultText().Replace("      - pay: 50", "      - pay: 80").Replace("version: \"1\"", "version: \"2026-试行\"");
        var good = Write("policy.yaml", policy);
        var run = await Cli.RunWithoutDatabaseAsync("assess", "--month", "2026-10", "--incidents", incidents, "--policy", good);
        Assert.True(run.ExitCode == 0, run.ToString());
        var line = JsonDocument.Parse(run.Output).RootElement.GetProperty("lines")[0];
        Assert.Equal((80m, "2026-试行"), (line.GetProperty("amount").GetDecimal(), line.GetProperty("policyVersion").GetString()));

        var bad = Write("bad.yaml", policy.Replace("      - pay: 80", "      - pay: -80"));
        var refused = await Cli.RunWithoutDatabaseAsync("assess", "--month", "2026-10", "--incidents", incidents, "--policy", bad);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("kinds.phone_unreachable.steps[0].pay：金额不能为负数。", refused.Error);
        Assert.Equal(2, (await Cli.RunWithoutDatabaseAsync("assess", "--month", "2026-13", "--incidents", incidents)).ExitCode);
    }
}
