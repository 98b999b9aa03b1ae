namespace AfterSales.Domain.Dispatch;

/// <summary>A small, fast, seedable random source (SplitMix64 seeding an xorshift128+); same numbers on every platform.</summary>
internal sealed class SolverRandom
{
    private ulong _a;
    private ulong _b;

    public SolverRandom(ulong seed)
    {
        _a = Mix(ref seed);
        _b = Mix(ref seed);
        if (_a == 0 && _b == 0) _b = 1;
    }

    private static ulong Mix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextULong()
    {
        var s1 = _a;
        var s0 = _b;
        _a = s0;
        s1 ^= s1 << 23;
        _b = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
        return _b + s0;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)((NextULong() >> 33) % (ulong)n);
}

/// <summary>
/// One technician's route with the times that make insertion checks O(1): the earliest service start at each stop
/// (forward) and the latest start that still lets every later stop and the return keep their windows (backward).
/// </summary>
internal sealed class Route(int technician, int room)
{
    public readonly int Technician = technician;
    public readonly int[] Jobs = new int[room];
    public readonly double[] Start = new double[room];
    public readonly double[] Latest = new double[room];
    public int Count;
    public double Load;
    public double Distance;
    public double Return;

    public void CopyFrom(Route other)
    {
        Count = other.Count;
        Array.Copy(other.Jobs, Jobs, Count);
        Array.Copy(other.Start, Start, Count);
        Array.Copy(other.Latest, Latest, Count);
        Load = other.Load;
        Distance = other.Distance;
        Return = other.Return;
    }

    /// <summary>Recomputes times, load and distance after the job list changed.</summary>
    public void Update(CompiledProblem p)
    {
        var size = p.Size;
        var prev = p.StartNode(Technician);
        var depart = p.ShiftStarts[Technician];
        var load = 0.0;
        var distance = 0.0;
        for (var i = 0; i < Count; i++)
        {
            var j = Jobs[i];
            var arrive = depart + p.Time[prev * size + j];
            var start = arrive > p.Opens[j] ? arrive : p.Opens[j];
            Start[i] = start;
            depart = start + p.Duration[j];
            distance += p.Distance[prev * size + j];
            load += p.Demand[j];
            prev = j;
        }
        var end = p.EndNode(Technician);
        Return = depart + p.Time[prev * size + end];
        distance += p.Distance[prev * size + end];
        Load = load;
        Distance = distance;
        var latest = p.ShiftEnds[Technician];
        var next = end;
        for (var i = Count - 1; i >= 0; i--)
        {
            var j = Jobs[i];
            var l = latest - p.Time[j * size + next] - p.Duration[j];
            latest = l < p.Closes[j] ? l : p.Closes[j];
            Latest[i] = latest;
            next = j;
        }
    }

    public void RemoveAt(int index)
    {
        Array.Copy(Jobs, index + 1, Jobs, index, Count - index - 1);
        Count--;
    }

    public void Insert(int index, int job)
    {
        Array.Copy(Jobs, index, Jobs, index + 1, Count - index);
        Jobs[index] = job;
        Count++;
    }
}

/// <summary>A (possibly partial) plan under search: every technician's route and the jobs not placed.</summary>
internal sealed class Solution
{
    public readonly Route[] Routes;
    public readonly int[] RouteOf;
    public readonly List<int> Absent = [];
    private readonly CompiledProblem _p;

    public CompiledProblem Problem => _p;

    public Solution(CompiledProblem p)
    {
        _p = p;
        Routes = new Route[p.TechnicianCount];
        for (var v = 0; v < Routes.Length; v++) Routes[v] = new Route(v, p.JobCount + 1);
        RouteOf = new int[p.JobCount];
        Array.Fill(RouteOf, -1);
    }

    public int Used
    {
        get
        {
            var used = 0;
            foreach (var r in Routes) if (r.Count > 0) used++;
            return used;
        }
    }

    public int Assigned
    {
        get
        {
            var n = 0;
            foreach (var r in Routes) n += r.Count;
            return n;
        }
    }

    public void CopyFrom(Solution other)
    {
        for (var v = 0; v < Routes.Length; v++) Routes[v].CopyFrom(other.Routes[v]);
        Array.Copy(other.RouteOf, RouteOf, RouteOf.Length);
        Absent.Clear();
        Absent.AddRange(other.Absent);
    }

    public void CopyRoute(Solution other, int v)
    {
        var mine = Routes[v];
        for (var i = 0; i < mine.Count; i++) if (RouteOf[mine.Jobs[i]] == v) RouteOf[mine.Jobs[i]] = -1;
        mine.CopyFrom(other.Routes[v]);
        for (var i = 0; i < mine.Count; i++) RouteOf[mine.Jobs[i]] = v;
    }

    public void CopyAbsent(Solution other)
    {
        foreach (var j in Absent) RouteOf[j] = -1;
        Absent.Clear();
        Absent.AddRange(other.Absent);
        foreach (var j in Absent) RouteOf[j] = -1;
    }

    /// <summary>Cost: distance, technicians' fixed cost, preference penalties, left-out jobs.</summary>
    public double Cost(double absentPenalty)
    {
        var cost = 0.0;
        foreach (var r in Routes)
        {
            if (r.Count == 0) continue;
            cost += r.Distance + _p.FixedCost[r.Technician];
            for (var i = 0; i < r.Count; i++)
            {
                var j = r.Jobs[i];
                if (_p.Preferred[j] >= 0 && _p.Preferred[j] != r.Technician) cost += _p.PreferencePenalty[j];
            }
        }
        foreach (var j in Absent) cost += _p.Mandatory[j] ? absentPenalty : _p.DropPenalty[j];
        return cost;
    }
}
