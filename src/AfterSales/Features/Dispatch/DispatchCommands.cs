using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AfterSales.Domain.Dispatch;

namespace AfterSales.Features.Dispatch;

/// <summary>
/// <c>./aftersales dispatch solve --solomon FILE --seconds N [--seed S]</c> and
/// <c>./aftersales dispatch check --solomon FILE --solution JSON</c>: the optimizer on Solomon VRPTW files, for the
/// benchmark and batch runs. Neither touches the database. Exit 0 on success, 1 when a checked plan is infeasible,
/// 2 on a bad file or bad arguments (the message goes to stderr).
/// </summary>
public static class DispatchCommands
{
    public const int Ok = 0;
    public const int Infeasible = 1;
    public const int BadInput = 2;

    private sealed class UsageException(string message) : Exception(message);

    public static Command Create()
    {
        var dispatch = new Command("dispatch", "The dispatch optimizer (SCH-4) on Solomon VRPTW benchmark files.");
        dispatch.Subcommands.Add(Solve());
        dispatch.Subcommands.Add(Check());
        return dispatch;
    }

    private static Option<string?> Text(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    private static Command Solve()
    {
        var solomon = Text("--solomon", "A Solomon instance in its original text format");
        var seconds = Text("--seconds", "Wall-clock budget for the whole run, in seconds (default 10)");
        var seed = Text("--seed", "Random seed (default 20260420); the same seed and budget give the same search");
        var threads = Text("--threads", "Parallel searches with different seeds; the best wins (default: 2 or the number of cores if fewer)");
        var command = new Command("solve", "Solve a Solomon instance: fewest vehicles first, then total distance; prints JSON.")
        {
            solomon, seconds, seed, threads,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result => Run(result, () =>
        {
            var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
            var problem = SolomonInstance.Read(Required(result.GetValue(solomon), "--solomon"));
            var budget = Number(result.GetValue(seconds), "--seconds", 10, 0.1, 86_400);
            var seedValue = result.GetValue(seed) is { } s
                ? ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new UsageException($"--seed: \"{s}\" is not a whole number ≥ 0")
                : new SolverOptions().Seed;
            var threadCount = (int)Number(result.GetValue(threads), "--threads", Math.Min(2, Environment.ProcessorCount), 1, 64);
            // The budget counts from the start of the process; keep a little for writing the answer.
            var left = budget - (DateTime.UtcNow - started).TotalSeconds - 0.05;
            var options = new SolverOptions { TimeLimit = TimeSpan.FromSeconds(Math.Max(0.05, left)), Seed = seedValue, Threads = threadCount };
            var plan = DispatchSolver.Solve(problem, options);
            var check = PlanChecker.Check(problem, plan);
            var answer = new JsonObject
            {
                ["instance"] = problem.Name,
                ["vehicles"] = plan.TechniciansUsed,
                ["distance"] = Math.Round(check.Distance, 4),
                ["routes"] = new JsonArray([.. plan.Routes.Select(r => (JsonNode)new JsonArray([.. r.JobIds.Select(id => (JsonNode)int.Parse(id, CultureInfo.InvariantCulture))]))]),
                ["feasible"] = check.Feasible && plan.Unassigned.Count == 0,
                ["unassigned"] = new JsonArray([.. plan.Unassigned.Select(u => (JsonNode)new JsonObject { ["customer"] = int.Parse(u.JobId, CultureInfo.InvariantCulture), ["reason"] = u.Reason.ToString() })]),
                ["seed"] = seedValue,
                ["iterations"] = plan.Iterations,
            };
            Console.Out.WriteLine(answer.ToJsonString());
            return Ok;
        }));
        return command;
    }

    private static Command Check()
    {
        var solomon = Text("--solomon", "The Solomon instance the solution is for");
        var solution = Text("--solution", "A JSON file with \"routes\": [[customer numbers in visiting order], …] (- for stdin)");
        var command = new Command("check", "Check a solution independently of the solver: every customer once, windows, depot hours, capacity; recompute the distance.")
        {
            solomon, solution,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result => Run(result, () =>
        {
            var problem = SolomonInstance.Read(Required(result.GetValue(solomon), "--solomon"));
            var path = Required(result.GetValue(solution), "--solution");
            string json;
            try
            {
                json = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--solution: cannot read {path} ({e.Message})");
            }
            var routes = ReadRoutes(json);
            if (routes.Count > problem.Technicians.Count)
                throw new UsageException($"--solution: {routes.Count} routes but the instance has only {problem.Technicians.Count} vehicles");
            var plan = new DispatchPlan(
                [.. routes.Select((r, i) => new TechnicianRoute(problem.Technicians[i].Id, r))], []);
            var check = PlanChecker.Check(problem, plan);
            var answer = new JsonObject
            {
                ["instance"] = problem.Name,
                ["feasible"] = check.Feasible,
                ["vehicles"] = check.TechniciansUsed,
                ["distance"] = Math.Round(check.Distance, 4),
                ["violations"] = new JsonArray([.. check.Violations.Select(v => (JsonNode)$"{v.Kind} {v.TechnicianId} {v.JobId}: {v.Detail}")]),
            };
            Console.Out.WriteLine(answer.ToJsonString());
            return check.Feasible ? Ok : Infeasible;
        }));
        return command;
    }

    private static List<List<string>> ReadRoutes(string json)
    {
        try
        {
            var routes = JsonNode.Parse(json)?["routes"] as JsonArray ?? throw new UsageException("--solution: no \"routes\" array");
            return [.. routes.Select(r => (r as JsonArray ?? throw new UsageException("--solution: each route must be an array"))
                .Select(c => c!.GetValue<int>().ToString(CultureInfo.InvariantCulture)).ToList())];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new UsageException($"--solution: not a solution JSON ({e.Message})");
        }
    }

    private static int Run(ParseResult result, Func<int> action)
    {
        try
        {
            if (result.UnmatchedTokens.Count > 0) throw new UsageException($"unexpected argument(s): {string.Join(' ', result.UnmatchedTokens)}");
            // The options take zero or one value so that a missing value is reported here (exit 2), not by the parser.
            foreach (var option in result.CommandResult.Command.Options)
                if (result.GetResult(option) is OptionResult { Implicit: false, Tokens.Count: 0 } given && option.Arity.MaximumNumberOfValues > 0)
                    throw new UsageException($"{given.Option.Name} needs a value");
            return action();
        }
        catch (Exception e) when (e is UsageException or SolomonFormatException)
        {
            Console.Error.WriteLine($"dispatch: {e.Message}");
            return BadInput;
        }
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException($"{name} is required") : value;

    private static double Number(string? value, string name, double fallback, double min, double max)
    {
        if (value is null) return fallback;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || number < min || number > max)
            throw new UsageException($"{name}: \"{value}\" must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return number;
    }
}
