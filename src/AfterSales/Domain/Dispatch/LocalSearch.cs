namespace AfterSales.Domain.Dispatch;

/// <summary>
/// Local search used on promising plans during the cost phase: move a job to another route, swap two jobs of
/// different routes, exchange route tails (2-opt*), move a segment of up to three jobs inside its route, reverse a
/// segment. Each move's cost change is computed first in O(1); only improving moves are checked for feasibility
/// (by walking the changed route). First improvement, until no move improves.
/// </summary>
internal sealed partial class RuinAndRecreate
{
    private int[] _walk = [];

    private void Improve(Solution s)
    {
        if (_walk.Length < _p.JobCount + 2) _walk = new int[_p.JobCount + 2];
        var rounds = 0;
        while (rounds++ < 50 && (Relocate(s) || Swap(s) || (_homogeneous && TailExchange(s)) || MoveSegment(s) || Reverse(s)))
        {
        }
    }

    private double Penalty(int job, int v) => _p.Preferred[job] >= 0 && _p.Preferred[job] != v ? _p.PreferencePenalty[job] : 0;

    private int NodeBefore(Route r, int i) => i > 0 ? r.Jobs[i - 1] : _p.StartNode(r.Technician);

    private int NodeAfter(Route r, int i) => i < r.Count - 1 ? r.Jobs[i + 1] : _p.EndNode(r.Technician);

    private double D(int a, int b) => _p.Distance[a * _p.Size + b];

    /// <summary>Walks the sequence for the technician: every window, the return, the capacity.</summary>
    private bool Feasible(int v, int[] jobs, int count)
    {
        var size = _p.Size;
        var prev = _p.StartNode(v);
        var clock = _p.ShiftStarts[v];
        var load = 0.0;
        for (var i = 0; i < count; i++)
        {
            var j = jobs[i];
            if (!_p.CanDo(j, v)) return false;
            var arrive = clock + _p.Time[prev * size + j];
            var start = arrive > _p.Opens[j] ? arrive : _p.Opens[j];
            if (start > _p.Closes[j] + Epsilon) return false;
            clock = start + _p.Duration[j];
            load += _p.Demand[j];
            prev = j;
        }
        return clock + _p.Time[prev * size + _p.EndNode(v)] <= _p.ShiftEnds[v] + Epsilon && load <= _p.Capacity[v] + Epsilon;
    }

    private void Replace(Solution s, Route r, int[] jobs, int count)
    {
        Array.Copy(jobs, r.Jobs, count);
        r.Count = count;
        r.Update(_p);
        for (var i = 0; i < count; i++) s.RouteOf[jobs[i]] = r.Technician;
        Touch(r.Technician);
    }

    private bool Relocate(Solution s)
    {
        foreach (var from in s.Routes)
        {
            for (var i = 0; i < from.Count; i++)
            {
                var x = from.Jobs[i];
                var before = NodeBefore(from, i);
                var after = NodeAfter(from, i);
                var saving = D(before, x) + D(x, after) - D(before, after) + Penalty(x, from.Technician)
                    + (from.Count == 1 ? _p.FixedCost[from.Technician] : 0);
                foreach (var to in s.Routes)
                {
                    if (to == from || to.Count == 0 || !_p.CanDo(x, to.Technician)) continue;
                    if (to.Load + _p.Demand[x] > _p.Capacity[to.Technician] + Epsilon) continue;
                    var extra = Penalty(x, to.Technician);
                    for (var pos = 0; pos <= to.Count; pos++)
                    {
                        var a = pos > 0 ? to.Jobs[pos - 1] : _p.StartNode(to.Technician);
                        var b = pos < to.Count ? to.Jobs[pos] : _p.EndNode(to.Technician);
                        if (D(a, x) + D(x, b) - D(a, b) + extra >= saving - 1e-7) continue;
                        // O(1) check with the target's start times and latest starts.
                        var depart = pos > 0 ? to.Start[pos - 1] + _p.Duration[a] : _p.ShiftStarts[to.Technician];
                        var arrive = depart + _p.Time[a * _p.Size + x];
                        var start = Math.Max(arrive, _p.Opens[x]);
                        if (start > _p.Closes[x] + Epsilon) continue;
                        var next = start + _p.Duration[x] + _p.Time[x * _p.Size + b];
                        if (next > (pos < to.Count ? to.Latest[pos] : _p.ShiftEnds[to.Technician]) + Epsilon) continue;
                        to.Insert(pos, x);
                        to.Update(_p);
                        s.RouteOf[x] = to.Technician;
                        from.RemoveAt(i);
                        from.Update(_p);
                        Touch(to.Technician);
                        Touch(from.Technician);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private bool Swap(Solution s)
    {
        var routes = s.Routes;
        for (var r1 = 0; r1 < routes.Length; r1++)
        {
            var a = routes[r1];
            for (var r2 = r1 + 1; r2 < routes.Length; r2++)
            {
                var b = routes[r2];
                if (a.Count == 0 || b.Count == 0) continue;
                for (var i = 0; i < a.Count; i++)
                {
                    var x = a.Jobs[i];
                    var xa = NodeBefore(a, i);
                    var xb = NodeAfter(a, i);
                    for (var k = 0; k < b.Count; k++)
                    {
                        var y = b.Jobs[k];
                        var ya = NodeBefore(b, k);
                        var yb = NodeAfter(b, k);
                        double delta;
                        if (xb == y || yb == x) continue; // different routes: never adjacent
                        delta = D(xa, y) + D(y, xb) - D(xa, x) - D(x, xb) + D(ya, x) + D(x, yb) - D(ya, y) - D(y, yb)
                            + Penalty(y, a.Technician) + Penalty(x, b.Technician) - Penalty(x, a.Technician) - Penalty(y, b.Technician);
                        if (delta >= -1e-7) continue;
                        Array.Copy(a.Jobs, _walk, a.Count);
                        _walk[i] = y;
                        if (!Feasible(a.Technician, _walk, a.Count)) continue;
                        Array.Copy(b.Jobs, _walk, b.Count);
                        _walk[k] = x;
                        if (!Feasible(b.Technician, _walk, b.Count)) continue;
                        a.Jobs[i] = y;
                        b.Jobs[k] = x;
                        a.Update(_p);
                        b.Update(_p);
                        s.RouteOf[y] = a.Technician;
                        s.RouteOf[x] = b.Technician;
                        Touch(a.Technician);
                        Touch(b.Technician);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /// <summary>2-opt*: route a keeps its head up to i and takes b's tail after k, and the other way round.</summary>
    private bool TailExchange(Solution s)
    {
        var routes = s.Routes;
        var end = _p.EndNode(0);
        var startNode = _p.StartNode(0);
        for (var r1 = 0; r1 < routes.Length; r1++)
        {
            var a = routes[r1];
            if (a.Count == 0) continue;
            for (var r2 = r1 + 1; r2 < routes.Length; r2++)
            {
                var b = routes[r2];
                if (b.Count == 0) continue;
                for (var i = -1; i < a.Count; i++)
                {
                    var x = i >= 0 ? a.Jobs[i] : startNode;
                    var x2 = i + 1 < a.Count ? a.Jobs[i + 1] : end;
                    var headLoadA = 0.0;
                    for (var t = 0; t <= i; t++) headLoadA += _p.Demand[a.Jobs[t]];
                    var departA = i >= 0 ? a.Start[i] + _p.Duration[x] : _p.ShiftStarts[0];
                    var headLoadB = 0.0;
                    for (var k = -1; k < b.Count; k++)
                    {
                        if (k >= 0) headLoadB += _p.Demand[b.Jobs[k]];
                        var y = k >= 0 ? b.Jobs[k] : startNode;
                        var y2 = k + 1 < b.Count ? b.Jobs[k + 1] : end;
                        if (x2 == end && y2 == end) continue;
                        var emptied = ((i == -1 && y2 == end) ? 1 : 0) + ((k == -1 && x2 == end) ? 1 : 0);
                        var delta = D(x, y2) + D(y, x2) - D(x, x2) - D(y, y2) - emptied * _p.FixedCost[0];
                        if (delta >= -1e-7) continue;
                        if (headLoadA + (b.Load - headLoadB) > _p.Capacity[0] + Epsilon) continue;
                        if (headLoadB + (a.Load - headLoadA) > _p.Capacity[0] + Epsilon) continue;
                        var arriveA = departA + _p.Time[x * _p.Size + y2];
                        if (arriveA > (k + 1 < b.Count ? b.Latest[k + 1] : _p.ShiftEnds[0]) + Epsilon) continue;
                        var departB = k >= 0 ? b.Start[k] + _p.Duration[y] : _p.ShiftStarts[0];
                        var arriveB = departB + _p.Time[y * _p.Size + x2];
                        if (arriveB > (i + 1 < a.Count ? a.Latest[i + 1] : _p.ShiftEnds[0]) + Epsilon) continue;
                        var n = 0;
                        for (var t = 0; t <= i; t++) _walk[n++] = a.Jobs[t];
                        for (var t = k + 1; t < b.Count; t++) _walk[n++] = b.Jobs[t];
                        var tailOfA = new int[a.Count - i - 1];
                        Array.Copy(a.Jobs, i + 1, tailOfA, 0, tailOfA.Length);
                        Replace(s, a, _walk, n);
                        n = 0;
                        for (var t = 0; t <= k; t++) _walk[n++] = b.Jobs[t];
                        foreach (var j in tailOfA) _walk[n++] = j;
                        Replace(s, b, _walk, n);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /// <summary>Or-opt: a segment of 1 to 3 jobs moves elsewhere in its own route.</summary>
    private bool MoveSegment(Solution s)
    {
        foreach (var r in s.Routes)
        {
            var n = r.Count;
            for (var length = 1; length <= 3; length++)
            {
                for (var i = 0; i + length <= n; i++)
                {
                    var first = r.Jobs[i];
                    var last = r.Jobs[i + length - 1];
                    var before = NodeBefore(r, i);
                    var after = NodeAfter(r, i + length - 1);
                    var saving = D(before, first) + D(last, after) - D(before, after);
                    // Insert between positions p-1 and p of the route without the segment.
                    for (var p = 0; p <= n - length; p++)
                    {
                        if (p == i) continue;
                        var at = p < i ? p : p + length; // index in the original route of the job after the gap
                        var a = at > 0 ? r.Jobs[at - 1] : _p.StartNode(r.Technician);
                        var b = at < n ? r.Jobs[at] : _p.EndNode(r.Technician);
                        if (a == last || b == first) continue;
                        if (D(a, first) + D(last, b) - D(a, b) >= saving - 1e-7) continue;
                        var m = 0;
                        for (var t = 0; t < n; t++)
                        {
                            if (t == at) for (var q = 0; q < length; q++) _walk[m++] = r.Jobs[i + q];
                            if (t >= i && t < i + length) continue;
                            _walk[m++] = r.Jobs[t];
                        }
                        if (at == n) for (var q = 0; q < length; q++) _walk[m++] = r.Jobs[i + q];
                        if (!Feasible(r.Technician, _walk, m)) continue;
                        Replace(s, r, _walk, m);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /// <summary>2-opt inside a route: reverse the jobs from i to k (distances are symmetric on the plane).</summary>
    private bool Reverse(Solution s)
    {
        foreach (var r in s.Routes)
        {
            var n = r.Count;
            for (var i = 0; i < n - 1; i++)
            {
                var before = NodeBefore(r, i);
                for (var k = i + 1; k < n; k++)
                {
                    var after = NodeAfter(r, k);
                    var delta = D(before, r.Jobs[k]) + D(r.Jobs[i], after) - D(before, r.Jobs[i]) - D(r.Jobs[k], after);
                    for (var t = i; t < k; t++) delta += D(r.Jobs[t + 1], r.Jobs[t]) - D(r.Jobs[t], r.Jobs[t + 1]);
                    if (delta >= -1e-7) continue;
                    Array.Copy(r.Jobs, _walk, n);
                    Array.Reverse(_walk, i, k - i + 1);
                    if (!Feasible(r.Technician, _walk, n)) continue;
                    Replace(s, r, _walk, n);
                    return true;
                }
            }
        }
        return false;
    }
}
