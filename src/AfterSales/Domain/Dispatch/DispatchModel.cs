namespace AfterSales.Domain.Dispatch;

// The dispatch optimizer's model (SCH-4): jobs to place, technicians with their working day, a travel-time source.
// Times are plain numbers in one unit chosen by the caller (minutes since midnight on the board, Solomon's own units
// in the benchmark). Pure domain: no database, no web.

/// <summary>A place on the plane (projected kilometres on the board, Solomon's coordinates in the benchmark).</summary>
public readonly record struct GeoPoint(double X, double Y);

/// <summary>Travel between two places: the time it takes (for feasibility) and the distance (for cost).</summary>
public interface ITravelSource
{
    double TravelTime(GeoPoint from, GeoPoint to);

    double Distance(GeoPoint from, GeoPoint to);
}

/// <summary>
/// Straight-line travel: distance = Euclidean distance × <see cref="RoadFactor"/>, time = distance / <see cref="Speed"/>.
/// With both at 1 (the default) this is the Solomon convention: travel time = distance, real and unrounded.
/// </summary>
public sealed class StraightLineTravel(double roadFactor = 1, double speed = 1) : ITravelSource
{
    public double RoadFactor { get; } = roadFactor > 0 ? roadFactor : throw new ArgumentOutOfRangeException(nameof(roadFactor));

    public double Speed { get; } = speed > 0 ? speed : throw new ArgumentOutOfRangeException(nameof(speed));

    public double Distance(GeoPoint from, GeoPoint to)
    {
        var dx = from.X - to.X;
        var dy = from.Y - to.Y;
        return Math.Sqrt(dx * dx + dy * dy) * RoadFactor;
    }

    public double TravelTime(GeoPoint from, GeoPoint to) => Distance(from, to) / Speed;
}

/// <summary>
/// One job to place: where, the appointment window in which the service must start (waiting before it is allowed),
/// how long it takes, what it loads (optional), who may do it.
/// </summary>
public sealed record DispatchJob(string Id, GeoPoint Location, double WindowOpens, double WindowCloses, double Duration)
{
    /// <summary>Capacity used on the technician's vehicle (0 when capacity does not matter).</summary>
    public double Demand { get; init; }

    /// <summary>Skills the technician must all have (empty: anyone).</summary>
    public IReadOnlySet<string> RequiredSkills { get; init; } = new HashSet<string>();

    /// <summary>When set, only these technicians may do the job (e.g. the job's region).</summary>
    public IReadOnlySet<string>? AllowedTechnicians { get; init; }

    /// <summary>A dispatcher's lock: the job stays with this technician.</summary>
    public string? LockedTechnician { get; init; }

    /// <summary>The customer's own technician (WO-4): preferred, at <see cref="PreferencePenalty"/> when someone else goes.</summary>
    public string? PreferredTechnician { get; init; }

    public double PreferencePenalty { get; init; }

    /// <summary>A mandatory job is left out only when it cannot be placed; an optional one may be dropped at <see cref="DropPenalty"/>.</summary>
    public bool Mandatory { get; init; } = true;

    public double DropPenalty { get; init; }
}

/// <summary>A technician's day: where it starts and ends, the working hours, skills, vehicle capacity, cost of using them.</summary>
public sealed record DispatchTechnician(string Id, GeoPoint Start, GeoPoint End, double ShiftStarts, double ShiftEnds)
{
    public IReadOnlySet<string> Skills { get; init; } = new HashSet<string>();

    public double Capacity { get; init; } = double.PositiveInfinity;

    /// <summary>Cost of giving this technician any job at all (Solomon: large, so fewer vehicles come first).</summary>
    public double FixedCost { get; init; }

    /// <summary>True when the technician may do the job: skills, allowed list and lock.</summary>
    public bool CanDo(DispatchJob job) =>
        job.RequiredSkills.All(Skills.Contains)
        && (job.AllowedTechnicians is null || job.AllowedTechnicians.Contains(Id))
        && (job.LockedTechnician is null || job.LockedTechnician == Id);
}

/// <summary>What to plan: the jobs, the technicians, how travel is measured.</summary>
public sealed record DispatchProblem(string Name, IReadOnlyList<DispatchJob> Jobs, IReadOnlyList<DispatchTechnician> Technicians, ITravelSource Travel)
{
    /// <summary>Minimise the number of technicians used before anything else (the Solomon objective).</summary>
    public bool FewestTechniciansFirst { get; init; }
}

/// <summary>Why a job could not be placed.</summary>
public enum UnassignedReason
{
    /// <summary>No technician has the skills / is allowed / holds the lock.</summary>
    NoCompatibleTechnician,

    /// <summary>No compatible technician can arrive before the window closes, even going there first.</summary>
    WindowUnreachable,

    /// <summary>The job is larger than every compatible technician's capacity.</summary>
    OverCapacity,

    /// <summary>The job fits a technician's day on its own but not beside the other jobs (no hours left).</summary>
    NoHoursLeft,

    /// <summary>An optional job left out because placing it cost more than dropping it.</summary>
    Dropped,
}

public sealed record UnassignedJob(string JobId, UnassignedReason Reason);

/// <summary>One technician's jobs in visiting order.</summary>
public sealed record TechnicianRoute(string TechnicianId, IReadOnlyList<string> JobIds);

/// <summary>A proposed plan: the routes of the technicians who got jobs, the jobs left out and why.</summary>
public sealed record DispatchPlan(IReadOnlyList<TechnicianRoute> Routes, IReadOnlyList<UnassignedJob> Unassigned)
{
    public int TechniciansUsed => Routes.Count(r => r.JobIds.Count > 0);

    /// <summary>Ruin-and-recreate iterations done, over all search threads.</summary>
    public long Iterations { get; init; }
}

/// <summary>How long and how the solver searches.</summary>
public sealed record SolverOptions
{
    /// <summary>Wall-clock budget; ignored when <see cref="Iterations"/> is set.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A fixed amount of work per search thread instead of a time limit (deterministic results).</summary>
    public long? Iterations { get; init; }

    public ulong Seed { get; init; } = 20260420;

    /// <summary>Independent searches run in parallel (different seeds); the best plan wins.</summary>
    public int Threads { get; init; } = 1;
}
