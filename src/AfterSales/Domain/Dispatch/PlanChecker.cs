namespace AfterSales.Domain.Dispatch;

public enum PlanViolationKind
{
    UnknownTechnician,
    TechnicianTwice,
    UnknownJob,
    JobTwice,
    JobMissing,
    NotCompatible,
    LockBroken,
    WindowMissed,
    ShiftOverrun,
    OverCapacity,
}

public sealed record PlanViolation(PlanViolationKind Kind, string? TechnicianId, string? JobId, string Detail);

public sealed record PlanCheck(IReadOnlyList<PlanViolation> Violations, double Distance, int TechniciansUsed, int Unassigned)
{
    public bool Feasible => Violations.Count == 0;
}

/// <summary>
/// Checks a plan against the problem from scratch, sharing nothing with the solver: each job at most once and every
/// job either placed or listed as unassigned, technicians' skills / allowed lists / locks, service start inside the
/// appointment window (waiting allowed), back within the working hours, capacity. Recomputes the travelled distance.
/// </summary>
public static class PlanChecker
{
    /// <summary>Slack for rounding in sums of doubles.</summary>
    public const double Tolerance = 1e-6;

    public static PlanCheck Check(DispatchProblem problem, DispatchPlan plan)
    {
        var violations = new List<PlanViolation>();
        var jobs = problem.Jobs.ToDictionary(j => j.Id);
        var technicians = problem.Technicians.ToDictionary(t => t.Id);
        var seen = new HashSet<string>();
        var techniciansSeen = new HashSet<string>();
        var total = 0.0;
        var used = 0;

        foreach (var route in plan.Routes)
        {
            if (!technicians.TryGetValue(route.TechnicianId, out var tech))
            {
                violations.Add(new(PlanViolationKind.UnknownTechnician, route.TechnicianId, null, "no such technician"));
                continue;
            }
            if (!techniciansSeen.Add(tech.Id))
                violations.Add(new(PlanViolationKind.TechnicianTwice, tech.Id, null, "the technician has two routes"));
            if (route.JobIds.Count == 0) continue;
            used++;
            var here = tech.Start;
            var clock = tech.ShiftStarts;
            var load = 0.0;
            foreach (var id in route.JobIds)
            {
                if (!jobs.TryGetValue(id, out var job))
                {
                    violations.Add(new(PlanViolationKind.UnknownJob, tech.Id, id, "no such job"));
                    continue;
                }
                if (!seen.Add(id)) violations.Add(new(PlanViolationKind.JobTwice, tech.Id, id, "the job is planned twice"));
                if (job.LockedTechnician is { } locked && locked != tech.Id)
                    violations.Add(new(PlanViolationKind.LockBroken, tech.Id, id, $"locked to {locked}"));
                else if (!job.RequiredSkills.All(tech.Skills.Contains) || (job.AllowedTechnicians is { } allowed && !allowed.Contains(tech.Id)))
                    violations.Add(new(PlanViolationKind.NotCompatible, tech.Id, id, "the technician lacks a skill or is not allowed"));
                var arrival = clock + problem.Travel.TravelTime(here, job.Location);
                total += problem.Travel.Distance(here, job.Location);
                var start = Math.Max(arrival, job.WindowOpens);
                if (start > job.WindowCloses + Tolerance)
                    violations.Add(new(PlanViolationKind.WindowMissed, tech.Id, id, $"starts at {start:0.###}, the window closes at {job.WindowCloses:0.###}"));
                clock = start + job.Duration;
                here = job.Location;
                load += job.Demand;
            }
            var back = clock + problem.Travel.TravelTime(here, tech.End);
            total += problem.Travel.Distance(here, tech.End);
            if (back > tech.ShiftEnds + Tolerance)
                violations.Add(new(PlanViolationKind.ShiftOverrun, tech.Id, null, $"back at {back:0.###}, the day ends at {tech.ShiftEnds:0.###}"));
            if (load > tech.Capacity + Tolerance)
                violations.Add(new(PlanViolationKind.OverCapacity, tech.Id, null, $"load {load:0.###} over capacity {tech.Capacity:0.###}"));
        }

        foreach (var left in plan.Unassigned)
        {
            if (!jobs.ContainsKey(left.JobId)) violations.Add(new(PlanViolationKind.UnknownJob, null, left.JobId, "no such job"));
            else if (!seen.Add(left.JobId)) violations.Add(new(PlanViolationKind.JobTwice, null, left.JobId, "the job is both planned and unassigned"));
        }
        foreach (var job in problem.Jobs)
            if (!seen.Contains(job.Id)) violations.Add(new(PlanViolationKind.JobMissing, null, job.Id, "the job is neither planned nor unassigned"));

        return new PlanCheck(violations, total, used, plan.Unassigned.Count);
    }
}
