using System.Diagnostics;

namespace AfterSales.Domain.Dispatch;

/// <summary>Parallel searches of one solve: they meet once, after the technician phase.</summary>
internal sealed class SearchTeam(int size)
{
    private readonly Barrier _barrier = new(size);
    public RuinAndRecreate[] Members = new RuinAndRecreate[size];
    public volatile bool LowerBoundReached;

    public void Meet() => _barrier.SignalAndWait();

    /// <summary>A member that failed stops counting, so the others do not wait for it.</summary>
    public void Leave() => _barrier.RemoveParticipant();

    /// <summary>The members' best plans ranked by left-out mandatory jobs, technicians (when they count first), cost.</summary>
    public Solution BestOfAll(double absentPenalty) => Members
        .Select((m, k) => (m.Best, k))
        .OrderBy(x => x.Best.Absent.Count)
        .ThenBy(x => x.Best.Problem.FewestFirst ? x.Best.Used : 0)
        .ThenBy(x => x.Best.Cost(absentPenalty))
        .ThenBy(x => x.k)
        .First().Best;
}

/// <summary>How much search is left: a wall-clock deadline or a fixed number of iterations.</summary>
internal sealed class SearchBudget
{
    private readonly long _startTicks = Stopwatch.GetTimestamp();
    private readonly double _seconds;
    private readonly long? _iterations;
    public long Iterations;

    public bool Deterministic => _iterations is not null;

    public SearchBudget(TimeSpan limit, long? iterations)
    {
        _seconds = Math.Max(limit.TotalSeconds, 0.001);
        _iterations = iterations;
    }

    /// <summary>Share of the budget used, 0..1 (and beyond when spent).</summary>
    public double Used => _iterations is { } n
        ? (double)Iterations / Math.Max(n, 1)
        : Stopwatch.GetElapsedTime(_startTicks).TotalSeconds / _seconds;
}

/// <summary>
/// One search thread. Ruin and recreate in the manner of slack induction by string removals (Christiaens and
/// Vanden Berghe, 2020): remove a few strings of jobs from routes near a random job, put them back one by one at
/// the cheapest feasible place while skipping ("blinking" past) a small share of places. First the number of
/// technicians is pushed down (a route is emptied and the search tries to place its jobs elsewhere, counting how
/// often each job is left out), then the cost is lowered under simulated annealing.
/// </summary>
internal sealed partial class RuinAndRecreate
{
    private const double AverageRemoved = 10;
    private const int LongestString = 10;
    private const double BlinkRate = 0.01;
    private const double SplitRate = 0.5;
    private const double SplitDepth = 0.01;
    private const double Epsilon = 1e-9;
    /// <summary>Share of the budget the technician phase may use at most.</summary>
    private const double FleetShare = 0.5;
    /// <summary>With a time budget, the technician phase ends after this share of the budget without success.</summary>
    private const double FleetStall = 0.25;
    /// <summary>Annealing temperatures (cost units) of the even and the odd searches of a team.</summary>
    private const double HotTemperature = 30;
    private const double ColdTemperature = 0.5;
    private const double HotTemperature2 = 100;
    private const double ColdTemperature2 = 1;
    /// <summary>Local search runs on candidates that beat the best plan by this share (0: only on new best plans).</summary>
    private const double ImproveWindow = 0;
    /// <summary>Iterations spent repairing an incomplete plan before going back to the best one.</summary>
    private const int RepairLimit = 2000;
    /// <summary>During the cost phase a left-out job costs this many average legs.</summary>
    private const double SoftPenaltyLegs = 10;

    private readonly CompiledProblem _p;
    private readonly SolverRandom _random;
    private readonly SearchBudget _budget;
    private readonly Solution _current;
    private readonly Solution _candidate;
    public readonly Solution Best;
    private readonly bool[] _touched;
    private readonly List<int> _touchedList = [];
    private readonly long[] _absences;
    private readonly double _absentPenalty;
    private readonly bool _homogeneous;
    private readonly int _lowerBound;
    private readonly double[] _sortKeys;
    private readonly List<int> _pending = [];
    private readonly int _member;
    private int _maxRoutes;

    public RuinAndRecreate(CompiledProblem p, int member, ulong seed, SearchBudget budget, IReadOnlyList<int> placeable)
    {
        _member = member;
        _p = p;
        _random = new SolverRandom(seed);
        _budget = budget;
        _current = new Solution(p);
        _candidate = new Solution(p);
        Best = new Solution(p);
        _touched = new bool[p.TechnicianCount];
        _absences = new long[p.JobCount];
        _sortKeys = new double[p.JobCount];
        var largest = 0.0;
        foreach (var d in p.Distance) largest = Math.Max(largest, d);
        var costliest = p.FixedCost.Length == 0 ? 0 : p.FixedCost.Max();
        _absentPenalty = 1000 * (largest * 2 + costliest + p.PreferencePenalty.DefaultIfEmpty().Max() + 1);
        _homogeneous = IsHomogeneous(p);
        _lowerBound = 1;
        if (_homogeneous && p.TechnicianCount > 0 && !double.IsInfinity(p.Capacity[0]) && p.Capacity[0] > 0)
        {
            var demand = placeable.Sum(j => p.Demand[j]);
            _lowerBound = Math.Max(1, (int)Math.Ceiling(demand / p.Capacity[0] - 1e-9));
        }
        _current.Absent.AddRange(placeable);
    }

    private static bool IsHomogeneous(CompiledProblem p)
    {
        if (p.Compatible is not null || p.Preferred.Any(v => v >= 0)) return false;
        for (var v = 1; v < p.TechnicianCount; v++)
        {
            if (p.ShiftStarts[v] != p.ShiftStarts[0] || p.ShiftEnds[v] != p.ShiftEnds[0] || p.Capacity[v] != p.Capacity[0]
                || p.FixedCost[v] != p.FixedCost[0]) return false;
            for (var j = 0; j < p.JobCount; j++)
                if (p.Time[p.StartNode(v) * p.Size + j] != p.Time[p.StartNode(0) * p.Size + j]
                    || p.Time[j * p.Size + p.EndNode(v)] != p.Time[j * p.Size + p.EndNode(0)]) return false;
        }
        return true;
    }

    /// <summary>
    /// Runs the search. Parallel searches meet after the technician phase: each continues from the plan with the
    /// fewest technicians any of them found (ties: the cheapest, then the lowest thread number).
    /// </summary>
    public void Run(SearchTeam team)
    {
        // A first plan: every job put in at its cheapest place, any technician allowed.
        _maxRoutes = _p.TechnicianCount;
        Recreate(_current, fleet: false);
        _candidate.CopyFrom(_current);
        Best.CopyFrom(_current);
        ClearTouched();
        if (_p.FewestFirst && Best.Absent.Count == 0) MinimiseTechnicians(team);
        team.Meet();
        var chosen = team.BestOfAll(_absentPenalty);
        _current.CopyFrom(chosen);
        team.Meet();
        if (_current.Absent.Count == 0) Improve(_current);
        Best.CopyFrom(_current);
        _candidate.CopyFrom(_current);
        LowerCost();
    }

    /// <summary>Empties one route at a time and searches for a plan that places its jobs elsewhere.</summary>
    private void MinimiseTechnicians(SearchTeam team)
    {
        var lastSuccess = _budget.Used;
        bool Stop()
        {
            var used = _budget.Used;
            // With a time budget, stop when another thread reached the lower bound or when long without success.
            return used >= FleetShare || (!_budget.Deterministic && (team.LowerBoundReached || used - lastSuccess > FleetStall));
        }
        while (Best.Used > _lowerBound && !Stop())
        {
            _current.CopyFrom(Best);
            var victim = ChooseRouteToEmpty(_current);
            var route = _current.Routes[victim];
            for (var i = 0; i < route.Count; i++)
            {
                _current.RouteOf[route.Jobs[i]] = -1;
                _current.Absent.Add(route.Jobs[i]);
            }
            route.Count = 0;
            route.Update(_p);
            _candidate.CopyFrom(_current);
            ClearTouched();
            _maxRoutes = Best.Used - 1;
            var placedAll = false;
            while (!Stop())
            {
                _budget.Iterations++;
                Ruin(_candidate, _candidate.Absent.Count > 0 && _random.NextDouble() < 0.5);
                Recreate(_candidate, fleet: true);
                foreach (var j in _candidate.Absent) _absences[j]++;
                if (_candidate.Absent.Count == 0)
                {
                    Best.CopyFrom(_candidate);
                    lastSuccess = _budget.Used;
                    if (Best.Used <= _lowerBound) team.LowerBoundReached = true;
                    placedAll = true;
                    break;
                }
                if (_candidate.Absent.Count < _current.Absent.Count || AbsenceSum(_candidate) < AbsenceSum(_current))
                    Keep(_candidate, _current);
                else
                    Keep(_current, _candidate);
            }
            if (!placedAll) break;
        }
        _current.CopyFrom(Best);
        _candidate.CopyFrom(Best);
    }

    private int ChooseRouteToEmpty(Solution s)
    {
        // Mostly a short route (fewest jobs), sometimes any route, so hard cases get varied attempts.
        var used = new List<int>();
        for (var v = 0; v < s.Routes.Length; v++) if (s.Routes[v].Count > 0) used.Add(v);
        if (_random.NextDouble() < 0.5) return used[_random.Next(used.Count)];
        var shortest = used[0];
        foreach (var v in used) if (s.Routes[v].Count < s.Routes[shortest].Count) shortest = v;
        return shortest;
    }

    private long AbsenceSum(Solution s)
    {
        long sum = 0;
        foreach (var j in s.Absent) sum += _absences[j];
        return sum;
    }

    /// <summary>Simulated annealing over ruin and recreate, the temperature falling with the budget used.</summary>
    private void LowerCost()
    {
        ClearTouched();
        var start = _budget.Used;
        // The search may pass through plans that leave a job out, at a soft price of a few average legs; the best
        // plan is judged with the hard price, so a complete plan always beats an incomplete one.
        var legs = Best.Assigned + Best.Used;
        var averageLeg = legs == 0 ? 1 : Math.Max(1e-6, Best.Routes.Sum(r => r.Distance) / legs);
        var softPenalty = SoftPenaltyLegs * averageLeg;
        var currentCost = SearchCost(_current, softPenalty);
        var bestCost = Best.Cost(_absentPenalty);
        _maxRoutes = _p.FewestFirst ? Best.Used : _p.TechnicianCount;
        // Searches of a team anneal at different temperatures: some plans need a hotter search to leave a valley.
        var hot = _member % 2 == 0 ? HotTemperature : HotTemperature2;
        var cold = _member % 2 == 0 ? ColdTemperature : ColdTemperature2;
        var repairs = 0;
        while (true)
        {
            var used = _budget.Used;
            if (used >= 1) break;
            _budget.Iterations++;
            var progress = start >= 1 ? 1 : (used - start) / (1 - start);
            var temperature = hot * Math.Pow(cold / hot, progress);
            // A plan that leaves a job out is repaired first (as in the technician phase: fewer jobs left out, or
            // ones left out less often); a complete plan moves under simulated annealing.
            var repairing = _p.FewestFirst && _current.Absent.Count > 0;
            if (repairing && ++repairs > RepairLimit)
            {
                // Too long without a complete plan: back to the best one.
                _current.CopyFrom(Best);
                _candidate.CopyFrom(Best);
                ClearTouched();
                currentCost = SearchCost(_current, softPenalty);
                repairing = false;
            }
            if (!repairing) repairs = 0;
            Ruin(_candidate, repairing && _random.NextDouble() < 0.5);
            Recreate(_candidate, fleet: repairing);
            var cost = SearchCost(_candidate, softPenalty);
            bool accept;
            if (repairing)
            {
                foreach (var j in _candidate.Absent) _absences[j]++;
                accept = _candidate.Absent.Count < _current.Absent.Count || AbsenceSum(_candidate) < AbsenceSum(_current);
            }
            else
            {
                if (_candidate.Absent.Count == 0 && cost < bestCost * (1 + ImproveWindow))
                {
                    Improve(_candidate);
                    cost = SearchCost(_candidate, softPenalty);
                }
                accept = cost < currentCost - temperature * Math.Log(1 - _random.NextDouble());
            }
            if (accept)
            {
                Keep(_candidate, _current);
                currentCost = cost;
                if (cost < bestCost - Epsilon)
                {
                    var hard = _current.Cost(_absentPenalty);
                    if (hard < bestCost - Epsilon)
                    {
                        bestCost = hard;
                        Best.CopyFrom(_current);
                        if (_p.FewestFirst) _maxRoutes = Math.Min(_maxRoutes, Best.Used);
                    }
                }
            }
            else
            {
                Keep(_current, _candidate);
            }
        }
    }

    private double SearchCost(Solution s, double softPenalty)
    {
        var cost = s.Cost(0);
        foreach (var j in s.Absent) if (_p.Mandatory[j]) cost += softPenalty;
        return cost;
    }

    /// <summary>Copies the routes changed in this iteration (and the left-out list) from one solution to the other.</summary>
    private void Keep(Solution from, Solution to)
    {
        to.CopyAbsent(from);
        foreach (var v in _touchedList)
        {
            to.CopyRoute(from, v);
            _touched[v] = false;
        }
        _touchedList.Clear();
    }

    private void ClearTouched()
    {
        foreach (var v in _touchedList) _touched[v] = false;
        _touchedList.Clear();
    }

    private void Touch(int v)
    {
        if (_touched[v]) return;
        _touched[v] = true;
        _touchedList.Add(v);
    }

    // ---- ruin ----

    private void Ruin(Solution s, bool nearLeftOut)
    {
        var used = 0;
        var assigned = 0;
        foreach (var r in s.Routes)
        {
            if (r.Count == 0) continue;
            used++;
            assigned += r.Count;
        }
        if (used == 0) return;
        var averageLength = (double)assigned / used;
        var longest = Math.Min(LongestString, averageLength);
        var mostStrings = 4 * AverageRemoved / (1 + longest) - 1;
        var strings = (int)Math.Floor(1 + _random.NextDouble() * mostStrings);
        var seed = nearLeftOut ? s.Absent[_random.Next(s.Absent.Count)] : _random.Next(_p.JobCount);
        var ruined = 0;
        var neighbours = _p.Neighbours[seed];
        for (var k = -1; k < neighbours.Length && ruined < strings; k++)
        {
            var job = k < 0 ? seed : neighbours[k];
            var v = s.RouteOf[job];
            if (v < 0 || _touched[v]) continue;
            var route = s.Routes[v];
            var position = Array.IndexOf(route.Jobs, job, 0, route.Count);
            var length = (int)Math.Floor(1 + _random.NextDouble() * Math.Min(route.Count, longest));
            length = Math.Clamp(length, 1, route.Count);
            Touch(v);
            RemoveString(s, route, position, length);
            ruined++;
        }
    }

    private void RemoveString(Solution s, Route route, int position, int length)
    {
        var n = route.Count;
        int start, kept = 0, keptAt = 0;
        if (length >= n || _random.NextDouble() >= SplitRate)
        {
            start = StringStart(position, length, n);
        }
        else
        {
            kept = 1;
            while (length + kept < n && _random.NextDouble() > SplitDepth) kept++;
            start = StringStart(position, length + kept, n);
            keptAt = _random.Next(length + 1);
        }
        var total = length + kept;
        var write = start;
        for (var i = start; i < start + total; i++)
        {
            var offset = i - start;
            var keep = kept > 0 && offset >= keptAt && offset < keptAt + kept;
            if (keep)
            {
                route.Jobs[write++] = route.Jobs[i];
            }
            else
            {
                s.RouteOf[route.Jobs[i]] = -1;
                s.Absent.Add(route.Jobs[i]);
            }
        }
        for (var i = start + total; i < n; i++) route.Jobs[write++] = route.Jobs[i];
        route.Count = write;
        route.Update(_p);
    }

    private int StringStart(int position, int length, int n)
    {
        var lowest = Math.Max(0, position - length + 1);
        var highest = Math.Min(position, n - length);
        return lowest + _random.Next(highest - lowest + 1);
    }

    // ---- recreate ----

    private void Recreate(Solution s, bool fleet)
    {
        if (s.Absent.Count == 0) return;
        _pending.Clear();
        _pending.AddRange(s.Absent);
        s.Absent.Clear();
        Order(_pending, fleet);
        var used = 0;
        foreach (var r in s.Routes) if (r.Count > 0) used++;
        foreach (var job in _pending)
        {
            var bestCost = double.PositiveInfinity;
            var bestRoute = -1;
            var bestPosition = -1;
            var triedEmpty = false;
            for (var v = 0; v < s.Routes.Length; v++)
            {
                var route = s.Routes[v];
                if (!_p.CanDo(job, v) || route.Load + _p.Demand[job] > _p.Capacity[v] + Epsilon) continue;
                if (route.Count == 0)
                {
                    if (used >= _maxRoutes || (_homogeneous && triedEmpty)) continue;
                    triedEmpty = true;
                }
                var (cost, position) = CheapestPlace(route, job);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    bestRoute = v;
                    bestPosition = position;
                }
            }
            if (bestRoute < 0)
            {
                s.Absent.Add(job);
                continue;
            }
            var target = s.Routes[bestRoute];
            if (target.Count == 0) used++;
            target.Insert(bestPosition, job);
            target.Update(_p);
            s.RouteOf[job] = bestRoute;
            Touch(bestRoute);
        }
    }

    private void Order(List<int> jobs, bool fleet)
    {
        var roll = _random.Next(fleet ? 13 : 11);
        if (roll < 4)
        {
            for (var i = jobs.Count - 1; i > 0; i--)
            {
                var k = _random.Next(i + 1);
                (jobs[i], jobs[k]) = (jobs[k], jobs[i]);
            }
            return;
        }
        for (var i = 0; i < jobs.Count; i++)
        {
            var j = jobs[i];
            _sortKeys[i] = roll switch
            {
                < 8 => -_p.Demand[j],
                < 10 => -_p.DistanceFromStart[j],
                < 11 => _p.DistanceFromStart[j],
                _ => -_absences[j],
            } + 1e-7 * i;
        }
        var keys = _sortKeys.AsSpan(0, jobs.Count);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(jobs);
        keys.Sort(span);
    }

    /// <summary>The cheapest feasible place for the job in the route (cost +∞ when none), skipping places at the blink rate.</summary>
    private (double Cost, int Position) CheapestPlace(Route route, int job)
    {
        var p = _p;
        var size = p.Size;
        var v = route.Technician;
        var prev = p.StartNode(v);
        var depart = p.ShiftStarts[v];
        var opens = p.Opens[job];
        var closes = p.Closes[job] + Epsilon;
        var duration = p.Duration[job];
        var extra = route.Count == 0 ? p.FixedCost[v] : 0;
        if (p.Preferred[job] >= 0 && p.Preferred[job] != v) extra += p.PreferencePenalty[job];
        var bestCost = double.PositiveInfinity;
        var bestPosition = -1;
        var n = route.Count;
        var end = p.EndNode(v);
        var jobRow = job * size;
        for (var pos = 0; pos <= n; pos++)
        {
            var next = pos < n ? route.Jobs[pos] : end;
            var arrive = depart + p.Time[prev * size + job];
            if (arrive > closes) break; // later places only arrive later (travel times obey the triangle inequality)
            if (_random.NextDouble() >= BlinkRate)
            {
                var begin = arrive > opens ? arrive : opens;
                var arriveNext = begin + duration + p.Time[jobRow + next];
                var latestNext = pos < n ? route.Latest[pos] : p.ShiftEnds[v];
                if (arriveNext <= latestNext + Epsilon)
                {
                    var cost = p.Distance[prev * size + job] + p.Distance[jobRow + next] - p.Distance[prev * size + next];
                    if (cost < bestCost)
                    {
                        bestCost = cost;
                        bestPosition = pos;
                    }
                }
            }
            if (pos < n)
            {
                depart = route.Start[pos] + p.Duration[next];
                prev = next;
            }
        }
        return (bestCost + extra, bestPosition);
    }
}
