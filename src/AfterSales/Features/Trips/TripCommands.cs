using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.Travel;
using AfterSales.Infrastructure;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Trips;

/// <summary>
/// <c>./aftersales trip allowance --depart 2026-10-05T08:00 --return 2026-10-06T10:00 [--policy FILE]</c>: the per diem of
/// a trip (TRV-2) by the shipped policy or a policy file, day by day with reasons, as JSON; no database. Bad or reversed
/// times or a bad policy: a message on stderr and exit code 2.
/// </summary>
public static class TripCommands
{
    public const int BadInput = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static Command Create(Func<WebApplication> app)
    {
        var trip = new Command("trip", "Trips (TRV).");
        var allowance = new Command("allowance", "Print the per diem of a trip day by day with the reason for each day's amount (JSON).");
        var depart = new Option<string>("--depart") { Description = "Local departure time, yyyy-MM-ddTHH:mm", Required = true };
        var @return = new Option<string>("--return") { Description = "Local return time, yyyy-MM-ddTHH:mm", Required = true };
        var policy = new Option<FileInfo?>("--policy") { Description = "A policy document (YAML or JSON); default: the policy shipped with the system" };
        var culture = new Option<string>("--culture") { Description = "Language of the reasons: zh-CN (default) or en", DefaultValueFactory = _ => Localization.DefaultCulture };
        foreach (var option in new Option[] { depart, @return, policy, culture }) allowance.Options.Add(option);
        allowance.SetAction(async (result, ct) =>
        {
            var chosen = result.GetValue(culture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(Localization.Cultures.Contains(chosen) ? chosen! : Localization.DefaultCulture);
            var services = app().Services;
            var text = services.GetRequiredService<IStringLocalizer<TripsText>>();
            var errors = services.GetRequiredService<IStringLocalizer<ErrorText>>();
            var error = result.InvocationConfiguration.Error;
            if (!TryTime(result.GetValue(depart), out var departAt))
            {
                await error.WriteLineAsync(text["Cli.BadTime", "--depart", result.GetValue(depart) ?? ""]);
                return BadInput;
            }
            if (!TryTime(result.GetValue(@return), out var returnAt))
            {
                await error.WriteLineAsync(text["Cli.BadTime", "--return", result.GetValue(@return) ?? ""]);
                return BadInput;
            }
            var policyFile = result.GetValue(policy);
            if (policyFile is { Exists: false })
            {
                await error.WriteLineAsync(text["Cli.FileNotFound", policyFile.FullName]);
                return BadInput;
            }
            var check = PolicyDocument.Parse(policyFile is null ? PolicyDocument.DefaultText() : await File.ReadAllTextAsync(policyFile.FullName, ct));
            if (!check.IsValid)
            {
                foreach (var problem in check.Errors)
                    await error.WriteLineAsync(text["Cli.BadPolicy", policyFile?.Name ?? "default", problem.Path, DomainExceptionHandler.Format(errors, problem.Code, problem.Arguments)]);
                return BadInput;
            }
            var travel = check.Document!.Travel;
            PerDiemResult perDiem;
            try
            {
                perDiem = PerDiem.Compute(departAt, returnAt, travel);
            }
            catch (DomainException e)
            {
                await error.WriteLineAsync(DomainExceptionHandler.Format(errors, e.Code, e.Arguments));
                return BadInput;
            }
            var output = new
            {
                depart = departAt.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
                @return = returnAt.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
                policyVersion = policyFile is null ? Assessment.PolicyBook.ShippedLabel : check.Document.Version ?? policyFile.Name,
                perDiem = perDiem.Total,
                days = perDiem.Days.Select(d => new
                {
                    date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    amount = d.Amount,
                    kind = JsonNamingPolicy.CamelCase.ConvertName(d.Reason.ToString()),
                    reason = TripService.ReasonText(text, d.Reason, departAt, returnAt, travel),
                }),
            };
            await result.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(output, Json));
            return 0;
        });
        trip.Subcommands.Add(allowance);
        return trip;
    }

    private static bool TryTime(string? value, out DateTime time) =>
        DateTime.TryParseExact(value?.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out time);
}
