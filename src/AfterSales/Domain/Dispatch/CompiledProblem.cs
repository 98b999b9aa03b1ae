namespace AfterSales.Domain.Dispatch;

/// <summary>
/// The problem turned into flat arrays for the search. Nodes 0..n-1 are the jobs; technician v starts at node
/// n + 2v and ends at node n + 2v + 1. Travel time and distance come from one n+2m square matrix each.
/// </summary>
internal sealed class CompiledProblem
{
    public readonly int JobCount;
    public readonly int TechnicianCount;
    public readonly int Size;
    public readonly double[] Time;
    public readonly double[] Distance;
    public readonly double[] Opens;
    public readonly double[] Closes;
    public readonly double[] Duration;
    public readonly double[] Demand;
    public readonly double[] ShiftStarts;
    public readonly double[] ShiftEnds;
    public readonly double[] Capacity;
    public readonly double[] FixedCost;
    /// <summary>Compatible[job * m + v]; null when everyone may do everything.</summary>
    public readonly bool[]? Compatible;
    public readonly int[] Preferred;
    public readonly double[] PreferencePenalty;
    public readonly bool[] Mandatory;
    public readonly double[] DropPenalty;
    /// <summary>For each job, the other jobs nearest first.</summary>
    public readonly int[][] Neighbours;
    public readonly double[] DistanceFromStart;
    public readonly bool FewestFirst;
    public readonly DispatchProblem Source;

    public CompiledProblem(DispatchProblem problem)
    {
        Source = problem;
        var jobs = problem.Jobs;
        var techs = problem.Technicians;
        JobCount = jobs.Count;
        TechnicianCount = techs.Count;
        Size = JobCount + 2 * TechnicianCount;
        FewestFirst = problem.FewestTechniciansFirst;
        var points = new GeoPoint[Size];
        for (var i = 0; i < JobCount; i++) points[i] = jobs[i].Location;
        for (var v = 0; v < TechnicianCount; v++)
        {
            points[JobCount + 2 * v] = techs[v].Start;
            points[JobCount + 2 * v + 1] = techs[v].End;
        }
        Time = new double[Size * Size];
        Distance = new double[Size * Size];
        for (var a = 0; a < Size; a++)
            for (var b = 0; b < Size; b++)
            {
                if (a == b) continue;
                Time[a * Size + b] = problem.Travel.TravelTime(points[a], points[b]);
                Distance[a * Size + b] = problem.Travel.Distance(points[a], points[b]);
            }
        if (problem.Travel is StraightLineTravel { Speed: 1 }) Time = Distance;

        Opens = new double[JobCount];
        Closes = new double[JobCount];
        Duration = new double[JobCount];
        Demand = new double[JobCount];
        Preferred = new int[JobCount];
        PreferencePenalty = new double[JobCount];
        Mandatory = new bool[JobCount];
        DropPenalty = new double[JobCount];
        var index = new Dictionary<string, int>();
        for (var v = 0; v < TechnicianCount; v++)
            if (!index.TryAdd(techs[v].Id, v)) throw new ArgumentException($"Technician {techs[v].Id} appears twice.", nameof(problem));
        var jobIds = new HashSet<string>();
        var everyoneEverything = true;
        var compatible = new bool[JobCount * TechnicianCount];
        for (var i = 0; i < JobCount; i++)
        {
            var job = jobs[i];
            if (!jobIds.Add(job.Id)) throw new ArgumentException($"Job {job.Id} appears twice.", nameof(problem));
            Opens[i] = job.WindowOpens;
            Closes[i] = job.WindowCloses;
            Duration[i] = job.Duration;
            Demand[i] = job.Demand;
            Preferred[i] = job.PreferredTechnician is { } p && index.TryGetValue(p, out var pv) ? pv : -1;
            PreferencePenalty[i] = job.PreferencePenalty;
            Mandatory[i] = job.Mandatory;
            DropPenalty[i] = job.DropPenalty;
            for (var v = 0; v < TechnicianCount; v++)
            {
                compatible[i * TechnicianCount + v] = techs[v].CanDo(job);
                everyoneEverything &= compatible[i * TechnicianCount + v];
            }
        }
        Compatible = everyoneEverything ? null : compatible;

        ShiftStarts = new double[TechnicianCount];
        ShiftEnds = new double[TechnicianCount];
        Capacity = new double[TechnicianCount];
        FixedCost = new double[TechnicianCount];
        for (var v = 0; v < TechnicianCount; v++)
        {
            ShiftStarts[v] = techs[v].ShiftStarts;
            ShiftEnds[v] = techs[v].ShiftEnds;
            Capacity[v] = techs[v].Capacity;
            FixedCost[v] = techs[v].FixedCost;
        }

        Neighbours = new int[JobCount][];
        for (var i = 0; i < JobCount; i++)
        {
            var others = new int[JobCount - 1];
            var k = 0;
            for (var j = 0; j < JobCount; j++) if (j != i) others[k++] = j;
            var keys = new double[others.Length];
            for (var j = 0; j < others.Length; j++) keys[j] = Distance[i * Size + others[j]];
            Array.Sort(keys, others);
            Neighbours[i] = others;
        }
        DistanceFromStart = new double[JobCount];
        if (TechnicianCount > 0)
            for (var i = 0; i < JobCount; i++) DistanceFromStart[i] = Distance[JobCount * Size + i];
    }

    public bool CanDo(int job, int technician) => Compatible is null || Compatible[job * TechnicianCount + technician];

    public int StartNode(int v) => JobCount + 2 * v;

    public int EndNode(int v) => JobCount + 2 * v + 1;
}
