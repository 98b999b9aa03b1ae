namespace AfterSales.Domain.Dispatch;

/// <summary>
/// Proposes a plan (SCH-4): places every job it can, keeps locks and skills, prefers the customer's own technician
/// (WO-4), and explains each job it leaves out. With <see cref="DispatchProblem.FewestTechniciansFirst"/> it first
/// minimises the number of technicians used, then the cost. Deterministic for a seed and an iteration budget.
/// </summary>
public static class DispatchSolver
{
    public static DispatchPlan Solve(DispatchProblem problem, SolverOptions? options = null)
    {
        options ??= new SolverOptions();
        var compiled = new CompiledProblem(problem);
        var reasons = new Dictionary<int, UnassignedReason>();
        var placeable = new List<int>();
        for (var j = 0; j < compiled.JobCount; j++)
        {
            if (WhyNotAlone(compiled, j) is { } reason) reasons[j] = reason;
            else placeable.Add(j);
        }

        var threads = Math.Max(1, options.Threads);
        var team = new SearchTeam(threads);
        var searches = team.Members;
        var budgets = new SearchBudget[threads];
        for (var k = 0; k < threads; k++)
        {
            budgets[k] = new SearchBudget(options.TimeLimit, options.Iterations);
            searches[k] = new RuinAndRecreate(compiled, k, options.Seed + (ulong)k * 0x9E3779B97F4A7C15UL, budgets[k], placeable);
        }
        // One dedicated thread per search (they wait for each other once, so they must all run at the same time).
        var failures = new Exception?[threads];
        var workers = Enumerable.Range(0, threads).Select(k => new Thread(() =>
        {
            try
            {
                searches[k].Run(team);
            }
            catch (Exception e)
            {
                failures[k] = e;
                team.Leave();
            }
        }) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        if (failures.FirstOrDefault(f => f is not null) is { } failure) throw new InvalidOperationException("The dispatch search failed.", failure);

        Solution? best = null;
        var bestKey = (Absent: int.MaxValue, Used: int.MaxValue, Cost: double.PositiveInfinity);
        foreach (var search in searches)
        {
            var s = search.Best;
            var key = (s.Absent.Count(j => compiled.Mandatory[j]), compiled.FewestFirst ? s.Used : 0, s.Cost(0));
            if (key.CompareTo(bestKey) < 0)
            {
                bestKey = key;
                best = s;
            }
        }

        var routes = new List<TechnicianRoute>();
        foreach (var route in best!.Routes)
        {
            if (route.Count == 0) continue;
            var ids = new string[route.Count];
            for (var i = 0; i < route.Count; i++) ids[i] = problem.Jobs[route.Jobs[i]].Id;
            routes.Add(new TechnicianRoute(problem.Technicians[route.Technician].Id, ids));
        }
        foreach (var j in best.Absent) reasons[j] = compiled.Mandatory[j] ? UnassignedReason.NoHoursLeft : UnassignedReason.Dropped;
        var unassigned = reasons.OrderBy(r => r.Key).Select(r => new UnassignedJob(problem.Jobs[r.Key].Id, r.Value)).ToList();
        return new DispatchPlan(routes, unassigned) { Iterations = budgets.Sum(b => b.Iterations) };
    }

    /// <summary>Why no technician could do the job even as their only job of the day; null when someone could.</summary>
    private static UnassignedReason? WhyNotAlone(CompiledProblem p, int job)
    {
        var anyCompatible = false;
        var anyBigEnough = false;
        for (var v = 0; v < p.TechnicianCount; v++)
        {
            if (!p.CanDo(job, v)) continue;
            anyCompatible = true;
            if (p.Demand[job] > p.Capacity[v]) continue;
            anyBigEnough = true;
            var arrive = p.ShiftStarts[v] + p.Time[p.StartNode(v) * p.Size + job];
            var start = Math.Max(arrive, p.Opens[job]);
            if (start > p.Closes[job]) continue;
            var back = start + p.Duration[job] + p.Time[job * p.Size + p.EndNode(v)];
            if (back <= p.ShiftEnds[v]) return null;
        }
        if (!anyCompatible) return UnassignedReason.NoCompatibleTechnician;
        if (!anyBigEnough) return UnassignedReason.OverCapacity;
        // Compatible and large enough, but no working day reaches the window in time (or gets home after it).
        for (var v = 0; v < p.TechnicianCount; v++)
        {
            if (!p.CanDo(job, v) || p.Demand[job] > p.Capacity[v]) continue;
            var arrive = p.ShiftStarts[v] + p.Time[p.StartNode(v) * p.Size + job];
            if (Math.Max(arrive, p.Opens[job]) <= p.Closes[job]) return UnassignedReason.NoHoursLeft;
        }
        return UnassignedReason.WindowUnreachable;
    }
}
