using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Infrastructure;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Assessment;

/// <summary>
/// <c>./aftersales assess --month 2026-10 --incidents FILE.jsonl [--people FILE.jsonl] [--policy FILE]</c>: a what-if
/// run of the assessment rules over files, without the database. Prints one JSON statement per person; a bad line
/// or a bad policy is reported on stderr with exit code 2 and nothing is printed.
/// </summary>
public static class AssessCommands
{
    public const int Done = 0;
    public const int BadInput = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(Func<WebApplication> app)
    {
        var month = new Option<string>("--month") { Description = "The month to assess, e.g. 2026-10 (in the site's time zone)", Required = true };
        var incidents = new Option<FileInfo>("--incidents") { Description = "Incidents as JSON Lines (earlier months may be included for counting)", Required = true };
        var people = new Option<FileInfo?>("--people") { Description = "People as JSON Lines: person, name, manager, bonusBase, skillLevel" };
        var policy = new Option<FileInfo?>("--policy") { Description = "A policy document (YAML or JSON); default: the policy shipped with the system" };
        var culture = new Option<string>("--culture") { Description = "Language of reasons and messages: zh-CN (default) or en", DefaultValueFactory = _ => Localization.DefaultCulture };
        var command = new Command("assess", "Judge incidents by the assessment policy and print each person's monthly statement as JSON.");
        foreach (var option in new Option[] { month, incidents, people, policy, culture }) command.Options.Add(option);
        command.SetAction(async (result, ct) =>
        {
            var chosen = result.GetValue(culture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(Localization.Cultures.Contains(chosen) ? chosen! : Localization.DefaultCulture);
            var services = app().Services;
            var text = services.GetRequiredService<IStringLocalizer<AssessmentText>>();
            var errors = services.GetRequiredService<IStringLocalizer<ErrorText>>();
            var error = result.InvocationConfiguration.Error;
            var output = result.InvocationConfiguration.Output;

            if (!TryMonth(result.GetValue(month), out var year, out var monthNumber))
            {
                await error.WriteLineAsync(text["Cli.BadMonth"]);
                return BadInput;
            }
            var files = new[] { result.GetValue(incidents), result.GetValue(people), result.GetValue(policy) }.OfType<FileInfo>();
            if (files.FirstOrDefault(f => !f.Exists) is { } missing)
            {
                await error.WriteLineAsync(text["Cli.FileNotFound", missing.FullName]);
                return BadInput;
            }

            var policyFile = result.GetValue(policy);
            var check = PolicyDocument.Parse(policyFile is null ? PolicyDocument.DefaultText() : await File.ReadAllTextAsync(policyFile.FullName, ct));
            if (!check.IsValid)
            {
                foreach (var problem in check.Errors)
                    await error.WriteLineAsync(text["Cli.BadPolicy", policyFile?.Name ?? "default", problem.Path, DomainExceptionHandler.Format(errors, problem.Code, problem.Arguments)]);
                return BadInput;
            }
            var inForce = new PolicyInForce(check.Document!.Version ?? policyFile!.Name, check.Document);

            var reader = new AssessmentFiles(text);
            var incidentsFile = result.GetValue(incidents)!;
            var (facts, incidentProblems) = reader.ReadIncidents(await File.ReadAllLinesAsync(incidentsFile.FullName, ct));
            var peopleFile = result.GetValue(people);
            var (persons, peopleProblems) = peopleFile is null ? ([], []) : reader.ReadPeople(await File.ReadAllLinesAsync(peopleFile.FullName, ct));
            var problems = incidentProblems.Select(p => (File: incidentsFile.Name, p.Line, p.Message))
                .Concat(peopleProblems.Select(p => (File: peopleFile!.Name, p.Line, p.Message))).ToList();

            var assessor = new Assessor(_ => inForce, services.GetRequiredService<LocalTime>().Zone);
            if (problems.Count == 0)
            {
                // Each incident is judged alone first, so a rule's refusal (an amount outside its range …) names its line.
                var managers = persons.ToDictionary(p => p.Person, p => p.Manager);
                var histories = facts.GroupBy(f => f.Person).ToDictionary(g => g.Key, g => (IReadOnlyList<IncidentFacts>)g.ToList());
                foreach (var incident in facts)
                {
                    try
                    {
                        assessor.Judge(incident, histories[incident.Person], managers.GetValueOrDefault(incident.Person));
                    }
                    catch (DomainException e)
                    {
                        problems.Add((incidentsFile.Name, (int)incident.Sequence, DomainExceptionHandler.Format(errors, e.Code, e.Arguments)));
                    }
                }
            }
            if (problems.Count > 0)
            {
                foreach (var (file, line, message) in problems) await error.WriteLineAsync(text["Cli.BadLine", file, line, message]);
                return BadInput;
            }

            foreach (var statement in assessor.Assess(year, monthNumber, facts, persons))
                await output.WriteLineAsync(JsonSerializer.Serialize(StatementJson.Of(statement, text), Json));
            return Done;
        });
        return command;
    }

    private static bool TryMonth(string? value, out int year, out int month)
    {
        (year, month) = (0, 0);
        if (!DateTime.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        (year, month) = (parsed.Year, parsed.Month);
        return true;
    }
}

/// <summary>A statement as the command line and the API write it (RNK-4): every line with its rule, policy version and reason.</summary>
public sealed record StatementJson(string Person, string Month, decimal BonusBase, decimal BonusDeductions, bool BonusForfeited,
    decimal PayDeductions, decimal Rewards, decimal Net, IReadOnlyList<string> Flags, int SkillLevelChange, IReadOnlyList<StatementLineJson> Lines)
{
    public static StatementJson Of(Statement statement, IStringLocalizer<AssessmentText> text) => new(statement.Person, statement.MonthText,
        Money(statement.BonusBase), Money(statement.BonusDeductions), statement.BonusForfeited, Money(statement.PayDeductions),
        Money(statement.Rewards), Money(statement.Net), statement.Flags, statement.SkillLevelChange,
        [.. statement.Lines.Select(l => new StatementLineJson(l.Rule, l.PolicyVersion, l.Kind, l.At, Money(l.Amount), l.Pot.ToString().ToLowerInvariant(),
            ReasonText.Of(l, text), l.IncidentId, l.Flags))]);

    /// <summary>Yuan to the fen, without trailing zeros (888.0 × … prints as 888).</summary>
    private static decimal Money(decimal amount) => decimal.Round(amount, 2) / 1.00000000000000000000000000m;
}

public sealed record StatementLineJson(string Rule, string PolicyVersion, string Kind, DateTimeOffset At, decimal Amount, string Pot,
    string Reason, string Incident, IReadOnlyList<string> Flags);
