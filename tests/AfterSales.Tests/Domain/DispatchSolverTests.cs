using System.Diagnostics;
using System.Text.Json;
using AfterSales.Domain.Dispatch;
using AfterSales.Tests.Support;

namespace AfterSales.Tests.Domain;

/// <summary>
/// SCH-4 dispatch optimizer: the independent plan checker catches every kind of infeasible plan; the solver's plans
/// pass it; locks are kept; the customer's own technician (WO-4) is chosen when feasible; a job nobody can do is
/// explained; the search is deterministic for a seed and an iteration budget; the Solomon verb works without a database.
/// </summary>
public sealed class DispatchSolverTests
{
    private static readonly string DataFolder = Path.Combine(Repository.Root, "tests", "AfterSales.Tests", "Domain", "DispatchData");

    private static readonly GeoPoint Home = new(0, 0);

    private static DispatchTechnician Tech(string id, double ends = 100, double capacity = double.PositiveInfinity, GeoPoint? at = null, params string[] skills) =>
        new(id, at ?? Home, at ?? Home, 0, ends) { Capacity = capacity, Skills = skills.ToHashSet() };

    private static DispatchJob Job(string id, double x, double y, double opens = 0, double closes = 1000, double duration = 0, double demand = 0) =>
        new(id, new GeoPoint(x, y), opens, closes, duration) { Demand = demand };

    private static DispatchPlan Plan(params (string Tech, string[] Jobs)[] routes) =>
        new([.. routes.Select(r => new TechnicianRoute(r.Tech, r.Jobs))], []);

    private static DispatchProblem SolomonPrefix(string instance, int customers)
    {
        var full = SolomonInstance.Read(Path.Combine(DataFolder, instance + ".txt"));
        return full with { Jobs = [.. full.Jobs.Take(customers)] };
    }

    private static SolverOptions Budget(long iterations, int threads = 1, ulong seed = 7) =>
        new() { Iterations = iterations, Threads = threads, Seed = seed };

    // ---- the checker ----

    /// <summary>A has the gas skill and room for 12; B works longer and carries 1. j4 is locked to B.</summary>
    private static readonly DispatchProblem Small = new("small",
        [
            Job("j1", 3, 4, 0, 15, duration: 5, demand: 5),
            Job("j2", 6, 8, 10, 30, duration: 5, demand: 5),
            Job("j3", 0, 10, demand: 1) with { RequiredSkills = new HashSet<string> { "gas" } },
            Job("j4", 10, 0) with { LockedTechnician = "B" },
            Job("j5", 0, 50, demand: 1),
        ],
        [Tech("A", 100, 12, null, "gas"), Tech("B", 200, 1)],
        new StraightLineTravel());

    [Fact]
    public void Checker_accepts_a_feasible_plan_and_recomputes_its_distance()
    {
        var check = PlanChecker.Check(Small, Plan(("A", ["j1", "j2", "j3"]), ("B", ["j4", "j5"])));

        Assert.True(check.Feasible, string.Join("; ", check.Violations));
        var expected = 5 + 5 + Math.Sqrt(40) + 10 + 10 + Math.Sqrt(2600) + 50;
        Assert.Equal(expected, check.Distance, 9);
        Assert.Equal(2, check.TechniciansUsed);
    }

    [Theory]
    [InlineData(PlanViolationKind.WindowMissed)]
    [InlineData(PlanViolationKind.ShiftOverrun)]
    [InlineData(PlanViolationKind.OverCapacity)]
    [InlineData(PlanViolationKind.NotCompatible)]
    [InlineData(PlanViolationKind.LockBroken)]
    [InlineData(PlanViolationKind.JobTwice)]
    [InlineData(PlanViolationKind.JobMissing)]
    [InlineData(PlanViolationKind.UnknownJob)]
    [InlineData(PlanViolationKind.UnknownTechnician)]
    [InlineData(PlanViolationKind.TechnicianTwice)]
    public void Checker_catches_each_kind_of_infeasible_plan(PlanViolationKind kind)
    {
        var plan = kind switch
        {
            // j2 first: j1 is reached at 20, its window closed at 15.
            PlanViolationKind.WindowMissed => Plan(("A", ["j2", "j1", "j3"]), ("B", ["j4", "j5"])),
            // the detour to j5 brings A home at 112, the day ends at 100.
            PlanViolationKind.ShiftOverrun => Plan(("A", ["j1", "j2", "j5", "j3"]), ("B", ["j4"])),
            // B carries 6 with room for 1.
            PlanViolationKind.OverCapacity => Plan(("A", ["j2", "j3"]), ("B", ["j1", "j4", "j5"])),
            // B lacks the gas skill.
            PlanViolationKind.NotCompatible => Plan(("A", ["j1", "j2"]), ("B", ["j3", "j4", "j5"])),
            PlanViolationKind.LockBroken => Plan(("A", ["j1", "j2", "j3", "j4"]), ("B", ["j5"])),
            PlanViolationKind.JobTwice => new DispatchPlan([new("A", ["j1", "j2", "j3"]), new("B", ["j4", "j5"])], [new("j5", UnassignedReason.NoHoursLeft)]),
            PlanViolationKind.JobMissing => Plan(("A", ["j1", "j2", "j3"]), ("B", ["j4"])),
            PlanViolationKind.UnknownJob => Plan(("A", ["j1", "j2", "j3"]), ("B", ["j4", "j5", "j9"])),
            PlanViolationKind.UnknownTechnician => Plan(("A", ["j1", "j2", "j3"]), ("B", ["j4"]), ("Z", ["j5"])),
            PlanViolationKind.TechnicianTwice => Plan(("A", ["j1", "j2", "j3"]), ("B", ["j4"]), ("B", ["j5"])),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var check = PlanChecker.Check(Small, plan);

        Assert.False(check.Feasible);
        Assert.Contains(check.Violations, v => v.Kind == kind);
    }

    // ---- the solver ----

    [Theory]
    [InlineData("C101", 3)]
    [InlineData("R101", 8)]
    [InlineData("RC101", 4)]
    public void Solver_plans_for_the_first_25_customers_of_Solomon_instances_pass_the_checker(string instance, int optimalVehicles)
    {
        var problem = SolomonPrefix(instance, 25);

        var plan = DispatchSolver.Solve(problem, Budget(3000));

        var check = PlanChecker.Check(problem, plan);
        Assert.True(check.Feasible, string.Join("; ", check.Violations));
        Assert.Empty(plan.Unassigned);
        Assert.Equal(25, plan.Routes.Sum(r => r.JobIds.Count));
        Assert.Equal(optimalVehicles, plan.TechniciansUsed); // the proven optimum for these 25-customer instances
    }

    [Fact]
    public void Same_seed_and_iteration_budget_give_the_same_plan_and_another_seed_searches_differently()
    {
        var problem = SolomonPrefix("R101", 60);

        var first = DispatchSolver.Solve(problem, Budget(1500, threads: 2));
        var again = DispatchSolver.Solve(problem, Budget(1500, threads: 2));
        var other = DispatchSolver.Solve(problem, Budget(1500, threads: 2, seed: 8));

        static string Describe(DispatchPlan p) => string.Join(" | ", p.Routes.Select(r => r.TechnicianId + ":" + string.Join(",", r.JobIds)));
        Assert.Equal(Describe(first), Describe(again));
        Assert.Equal(first.Iterations, again.Iterations);
        Assert.NotEqual(Describe(first), Describe(other));
        Assert.True(PlanChecker.Check(problem, other).Feasible);
    }

    [Fact]
    public void A_locked_job_stays_with_its_technician_even_when_another_is_closer()
    {
        var north = new GeoPoint(0, 100);
        DispatchProblem Problem(string? lockedTo) => new("lock",
            [Job("near-home", 1, 1), Job("locked", 2, 2) with { LockedTechnician = lockedTo }],
            [Tech("home", 500), Tech("far", 500, at: north)],
            new StraightLineTravel());

        var free = DispatchSolver.Solve(Problem(null), Budget(500));
        Assert.Equal(["locked", "near-home"], free.Routes.Single().JobIds.Order());
        Assert.Equal("home", free.Routes.Single().TechnicianId);

        var locked = Problem("far");
        var plan = DispatchSolver.Solve(locked, Budget(500));
        Assert.True(PlanChecker.Check(locked, plan).Feasible);
        Assert.Contains("locked", plan.Routes.Single(r => r.TechnicianId == "far").JobIds);
    }

    [Fact]
    public void The_customers_own_technician_gets_the_job_when_feasible_WO_4()
    {
        var east = new GeoPoint(50, 0);
        DispatchProblem Problem(double ownTechnicianEnds) => new("preference",
            [Job("near-a", 2, 0), Job("own", 5, 0, duration: 10) with { PreferredTechnician = "B", PreferencePenalty = 1000 }, Job("near-b", 49, 0)],
            [Tech("A", 500), Tech("B", ownTechnicianEnds, at: east)],
            new StraightLineTravel());

        var feasible = Problem(500);
        var plan = DispatchSolver.Solve(feasible, Budget(500));
        Assert.True(PlanChecker.Check(feasible, plan).Feasible);
        Assert.Contains("own", plan.Routes.Single(r => r.TechnicianId == "B").JobIds);

        // B's day ends before B could get there and back: A, the nearer one, does it instead.
        var tooShort = Problem(60);
        var fallback = DispatchSolver.Solve(tooShort, Budget(500));
        Assert.True(PlanChecker.Check(tooShort, fallback).Feasible);
        Assert.Contains("own", fallback.Routes.Single(r => r.TechnicianId == "A").JobIds);
        Assert.Empty(fallback.Unassigned);
    }

    [Fact]
    public void A_job_nobody_can_do_is_left_out_with_the_reason()
    {
        var onlyA = new HashSet<string> { "A" };
        var problem = new DispatchProblem("impossible",
            [
                Job("fine", 3, 4),
                Job("closes-too-early", 30, 40, 0, 20), // 50 away, the window closes at 20
                Job("gas", 1, 1) with { RequiredSkills = new HashSet<string> { "gas" } },
                Job("too-big", 1, 2, demand: 50),
                Job("first", 10, 0, 10, 10, duration: 5) with { AllowedTechnicians = onlyA },
                Job("second", 10, 0, 10, 10, duration: 5) with { AllowedTechnicians = onlyA },
            ],
            [Tech("A", 500, 20, null, "electric"), Tech("B", 500, 20)],
            new StraightLineTravel());

        var plan = DispatchSolver.Solve(problem, Budget(500));

        Assert.True(PlanChecker.Check(problem, plan).Feasible);
        var reasons = plan.Unassigned.ToDictionary(u => u.JobId, u => u.Reason);
        Assert.Equal(UnassignedReason.WindowUnreachable, reasons["closes-too-early"]);
        Assert.Equal(UnassignedReason.NoCompatibleTechnician, reasons["gas"]);
        Assert.Equal(UnassignedReason.OverCapacity, reasons["too-big"]);
        // "first" and "second" may only go to A and both must start at 10: one of them finds A's day full.
        Assert.Equal(UnassignedReason.NoHoursLeft, Assert.Single(reasons, r => r.Key is "first" or "second").Value);
        Assert.Equal(4, reasons.Count);
        Assert.Contains(plan.Routes, r => r.JobIds.Contains("fine"));
    }

    // ---- the command line ----

    [Fact]
    public async Task Solomon_verb_prints_a_feasible_plan_as_JSON_without_touching_a_database()
    {
        var folder = Directory.CreateTempSubdirectory("dispatch-cli-").FullName;
        try
        {
            var file = Path.Combine(DataFolder, "C101.txt");
            var (exit, output, error) = await RunAsync(folder, "dispatch", "solve", "--solomon", file, "--seconds", "2", "--seed", "3");

            Assert.True(exit == 0, error);
            using var json = JsonDocument.Parse(output);
            var root = json.RootElement;
            Assert.Equal("C101", root.GetProperty("instance").GetString());
            Assert.True(root.GetProperty("feasible").GetBoolean());
            var routes = root.GetProperty("routes").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt32().ToString()).ToList()).ToList();
            Assert.Equal(routes.Count, root.GetProperty("vehicles").GetInt32());
            Assert.Equal(Enumerable.Range(1, 100).Select(i => i.ToString()), routes.SelectMany(r => r).OrderBy(int.Parse));
            // Re-check with the checker, not the verb's own word.
            var problem = SolomonInstance.Read(file);
            var check = PlanChecker.Check(problem, new DispatchPlan([.. routes.Select((r, i) => new TechnicianRoute($"V{i + 1}", r))], []));
            Assert.True(check.Feasible, string.Join("; ", check.Violations));
            Assert.Equal(check.Distance, root.GetProperty("distance").GetDouble(), 3);
            Assert.InRange(root.GetProperty("vehicles").GetInt32(), 10, 11);
            // No database file, no data folder: the verb never opened one.
            Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories), f => f.EndsWith(".db", StringComparison.Ordinal));

            // The check verb agrees, and refuses the same routes once two customers are swapped.
            var solution = Path.Combine(folder, "solution.json");
            await File.WriteAllTextAsync(solution, output);
            var checkedOk = await RunAsync(folder, "dispatch", "check", "--solomon", file, "--solution", solution);
            Assert.True(checkedOk.Exit == 0, checkedOk.Output + checkedOk.Error);
            Assert.Contains("\"feasible\":true", checkedOk.Output);
            var first = routes.First(r => r.Count > 2);
            (first[0], first[^1]) = (first[^1], first[0]);
            await File.WriteAllTextAsync(solution, JsonSerializer.Serialize(new { routes = routes.Select(r => r.Select(int.Parse)) }));
            var checkedBad = await RunAsync(folder, "dispatch", "check", "--solomon", file, "--solution", solution);
            Assert.Equal(1, checkedBad.Exit);
            Assert.Contains("WindowMissed", checkedBad.Output);

            var missing = await RunAsync(folder, "dispatch", "solve", "--solomon", Path.Combine(folder, "nope.txt"), "--seconds", "1");
            Assert.Equal(2, missing.Exit);
            Assert.Contains("cannot read", missing.Error);
            var badSeconds = await RunAsync(folder, "dispatch", "solve", "--solomon", file, "--seconds", "soon");
            Assert.Equal(2, badSeconds.Exit);
            Assert.Contains("--seconds", badSeconds.Error);
            var noValue = await RunAsync(folder, "dispatch", "solve", "--solomon", file, "--seconds");
            Assert.Equal(2, noValue.Exit);
            Assert.Contains("--seconds needs a value", noValue.Error);
            var garbage = Path.Combine(folder, "garbage.txt");
            await File.WriteAllTextAsync(garbage, "C999\r\n\r\nVEHICLE\r\nNUMBER CAPACITY\r\n 25 200\r\n\r\nCUSTOMER\r\n 0 1 2 x\r\n");
            var unreadable = await RunAsync(folder, "dispatch", "solve", "--solomon", garbage, "--seconds", "1");
            Assert.Equal(2, unreadable.Exit);
            Assert.Contains("line 8", unreadable.Error);
            var help = await RunAsync(folder, "dispatch", "solve", "--help");
            Assert.Equal(0, help.Exit);
            Assert.Contains("--solomon", help.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(Cli.AppDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
