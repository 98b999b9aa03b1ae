using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.Audit;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace AfterSales.Features.Assessment;

public sealed record StatementLineDto(string? Incident, int? IncidentId, string Rule, string PolicyVersion, string Kind, string KindTitle,
    DateTimeOffset At, decimal Amount, string Pot, string Reason, IReadOnlyList<string> Flags, string? Corrects);

public sealed record StatementDto(int StaffId, string StaffNumber, string Name, string? Region, string Month, bool Closed, decimal BonusBase,
    decimal BonusDeductions, bool BonusForfeited, decimal PayDeductions, decimal Rewards, decimal Net, IReadOnlyList<string> Flags,
    int SkillLevelChange, IReadOnlyList<StatementLineDto> Lines, decimal? Score = null, int? Rank = null, int? Ranked = null);

/// <summary>A person's month on the month's list: the totals and how many lines make them (the lines are on their statement).</summary>
public sealed record StatementSummaryDto(int StaffId, string StaffNumber, string Name, string? Region, decimal BonusBase, decimal BonusDeductions,
    bool BonusForfeited, decimal PayDeductions, decimal Rewards, decimal Net, IReadOnlyList<string> Flags, int SkillLevelChange, int Lines,
    decimal? Score, int? Rank, int? Ranked);

public sealed record MonthDto(string Month, bool Closed, DateTimeOffset? ClosedAt, string? ClosedBy, bool MayClose, IReadOnlyList<StatementSummaryDto> Statements);

public sealed record MonthClosedDto(string Month, int People, int Lines, decimal NetTotal);

/// <summary>
/// Monthly statements (RNK-4): a preview while the month is open (every incident judged live), the final figures
/// once it is closed (ASM-15). The close judges the month's incidents, late ones of closed months and reversals of
/// appeals upheld after their month closed, writes the ledger lines and the totals, and applies skill-level changes
/// (ASM-14) — once, whatever instance asks.
/// </summary>
public sealed class StatementService(AppDbContext db, IHttpContextAccessor http, TimeProvider clock, PolicyBook policies,
    IStringLocalizer<AssessmentText> text, IStringLocalizer<ErrorText> errors, Domain.WorkOrders.WorkOrderPolicy workOrderPolicy,
    ILogger<StatementService> log)
{
    private AccessScope Scope => AccessScope.From(http.HttpContext!.User);

    /// <summary>
    /// Every visible person's totals of the month: technicians of the scope and anyone with a line. Without the lines:
    /// a large company's month holds a million; each person's statement has theirs.
    /// </summary>
    public async Task<MonthDto> MonthAsync((int Year, int Month) month)
    {
        var scope = Scope;
        var visible = await db.Staff(scope).AsNoTracking().Select(s => s.Id).ToListAsync();
        // Head office sees the whole company: then the month is read as the close reads it, not by matching every id.
        var everyone = visible.Count == await db.Staff.CountAsync();
        var close = await db.MonthCloses.AsNoTracking().SingleOrDefaultAsync(c => c.Year == month.Year && c.Month == month.Month);
        var statements = close is null
            ? await PreviewAsync(month, visible, everyone, withLines: false)
            : await ClosedTotalsAsync(month, everyone ? null : visible);
        var people = await db.Staff.AsNoTracking().Where(s => visible.Contains(s.Id) && (s.Role == StaffRole.Technician || statements.Keys.Contains(s.Id)))
            .OrderBy(s => s.StaffNumber).ToListAsync();
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name);
        var closedBy = close is null ? null
            : close.ClosedById is { } closerId ? await db.Staff.Where(s => s.Id == closerId).Select(s => s.Name).SingleAsync()
            : text["ClosedBySchedule"].Value;
        var defaultBase = await DefaultBonusBaseAsync(month);
        return new MonthDto(MonthRange.Text(month), close is not null, close?.ClosedAt, closedBy,
            close is null && Policies.Allows(Policies.CloseMonth, scope.Role) && IsOver(month),
            [.. people.Select(p => Summary(p, regions, statements.TryGetValue(p.Id, out var found) ? found
                : (Statement.Of(IncidentService.Person(p.Id), month.Year, month.Month, defaultBase, []), 0, null, null, 0)))]);
    }

    /// <summary>One person's statement; a technician sees only their own.</summary>
    public async Task<StatementDto> StatementAsync(int staffId, (int Year, int Month) month)
    {
        var person = await db.Staff(Scope).AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId) ?? throw new NotFoundException();
        var closed = await db.MonthCloses.AnyAsync(c => c.Year == month.Year && c.Month == month.Month);
        var statements = closed ? await ClosedAsync(month, [staffId])
            : (await PreviewAsync(month, [staffId])).ToDictionary(p => p.Key, p => (p.Value.Statement, p.Value.Score, p.Value.Rank, p.Value.Ranked));
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name);
        var defaultBase = await DefaultBonusBaseAsync(month);
        return Dto(person, regions, month, closed, statements.TryGetValue(staffId, out var found) ? found
            : (Statement.Of(IncidentService.Person(staffId), month.Year, month.Month, defaultBase, []), null, null, 0));
    }

    /// <summary>The bonus base of a person without their own (the policy in force at the month's end), for an empty statement.</summary>
    private async Task<decimal> DefaultBonusBaseAsync((int Year, int Month) month) =>
        (await policies.ResolverAsync())(MonthRange.Instants(month, policies.Zone).End.AddTicks(-1)).Document.BonusBase;

    /// <summary>ASM-15: locks the month. A second close (here or on another instance) is refused and changes nothing.</summary>
    public async Task<MonthClosedDto> CloseAsync((int Year, int Month) month, CancellationToken ct = default)
    {
        var scope = Scope;
        if (!Policies.Allows(Policies.CloseMonth, scope.Role)) throw new ForbiddenException();
        return await CloseAsync(month, scope.StaffId, ct);
    }

    /// <summary>
    /// The close itself, for a caller that has already checked the permission (the page and the API go through the
    /// overload above; the scheduled close, batch work and the benchmark call this, the scheduled close with no person).
    /// One transaction: the month's row, the ledger lines, the totals and the skill levels are written together or not at all.
    /// </summary>
    public async Task<MonthClosedDto> CloseAsync((int Year, int Month) month, int? closedById, CancellationToken ct = default)
    {
        if (!IsOver(month)) throw new ConflictException("MonthNotOver", MonthRange.Text(month));
        if (await db.MonthCloses.AnyAsync(c => c.Year == month.Year && c.Month == month.Month, ct))
            throw new ConflictException("MonthAlreadyClosed", MonthRange.Text(month));

        var watch = Stopwatch.StartNew();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var close = new MonthClose(month.Year, month.Month, closedById, clock.GetUtcNow());
        db.MonthCloses.Add(close);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique month: another close got there first.
            throw new ConflictException("MonthAlreadyClosed", MonthRange.Text(month));
        }
        Phase(watch, "lock");

        var judgement = await LoadAsync(month, people: null, ct, watch);
        // The ledger is append-only and not audited row by row: written in bulk, in this transaction, as each person is
        // judged (PostgreSQL takes them in while the next people are judged).
        var totals = new List<MonthStatement>();
        var skillChanges = new Dictionary<int, int>();
        var net = 0m;
        int lines;
        await using (var ledger = await LedgerWriter<StatementLine>.OpenAsync(db, ct))
        {
            await judgement.RunAsync(forClose: true, people: null, async (person, statement, personLines, place, ranked) =>
            {
                foreach (var line in personLines) await ledger.WriteAsync(line);
                totals.Add(new MonthStatement(person, statement, place?.Score, place?.Rank, ranked));
                if (statement.SkillLevelChange != 0) skillChanges[person] = statement.SkillLevelChange;
                net += statement.Net;
            }, errors, ct);
            await ledger.CompleteAsync();
            lines = ledger.Count;
        }
        Phase(watch, "judge and lines");
        await LedgerWriter<MonthStatement>.AppendAsync(db, totals, ct);
        Phase(watch, "totals");
        await ChangeSkillLevelsAsync(skillChanges, month, ct);
        Phase(watch, "skill levels");
        close.Summarize(totals.Count, lines, net);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Phase(watch, "commit");
        return new MonthClosedDto(close.Text, close.People, close.Lines, close.NetTotal);
    }

    /// <summary>
    /// ASM-14: the levels the month's rules changed, set with one statement per (old, new) pair and audited person by
    /// person — through the change tracker it cost ~0.7 ms a person, and a large close changes thousands.
    /// </summary>
    private async Task ChangeSkillLevelsAsync(Dictionary<int, int> changes, (int Year, int Month) month, CancellationToken ct)
    {
        // HR-1: each change is also an entry of the person's skill-level history, naming the rule, the month and the
        // policy version the month was judged by.
        var policyVersion = (await policies.ResolverAsync(ct))(MonthRange.Instants(month, policies.Zone).End.AddTicks(-1)).Version;
        var now = clock.GetUtcNow();
        var history = new List<SkillLevelChange>();
        var ids = changes.Keys.ToList();
        // Thousands of ids as one array parameter: as one SQL parameter each, SQLite looks every name up in a list (n²).
        var people = await db.Staff.Where(s => EF.Parameter(ids).Contains(s.Id)).Select(s => new { s.Id, s.SkillLevel, s.Version }).ToListAsync(ct);
        var audit = new List<AuditTrail.Change>();
        foreach (var group in people
            .Select(p => (p.Id, p.Version, From: p.SkillLevel, To: Math.Clamp(p.SkillLevel + changes[p.Id], Staff.LowestSkillLevel, Staff.HighestSkillLevel)))
            .Where(p => p.To != p.From).GroupBy(p => (p.From, p.To)))
        {
            var (from, to) = group.Key;
            var members = group.Select(p => p.Id).ToList();
            var changed = await db.Staff.Where(s => EF.Parameter(members).Contains(s.Id) && s.SkillLevel == from)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.SkillLevel, to).SetProperty(s => s.Version, s => s.Version + 1), ct);
            // Someone changed one of these people's level since it was read: the close is rolled back, to be run again.
            if (changed != members.Count) throw new ConflictException();
            audit.AddRange(group.Select(p => new AuditTrail.Change(nameof(Staff), p.Id.ToString(CultureInfo.InvariantCulture), AuditAction.Update,
                LevelJson(from, p.Version), LevelJson(to, p.Version + 1))));
            history.AddRange(members.Select(id => SkillLevelChange.ByRule(id, from, to, MonthRange.Text(month), policyVersion, now)));
        }
        await db.AuditAsync(audit, ct);
        await LedgerWriter<SkillLevelChange>.AppendAsync(db, history, ct);
    }

    private static string LevelJson(int level, int version) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"{{nameof(Staff.SkillLevel)}}":{{level}},"{{nameof(Entity.Version)}}":{{version}}}""");

    /// <summary>How long each part of a close took (the benchmark reads these at Debug level).</summary>
    private void Phase(Stopwatch watch, string phase)
    {
        log.LogDebug("Month close: {Phase} {Milliseconds} ms (GC so far: {Gen0}/{Gen1}/{Gen2} collections of generation 0/1/2, {Paused:0.0} s paused)",
            phase, watch.ElapsedMilliseconds, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalSeconds);
        watch.Restart();
    }

    /// <summary>RNK-4: the month for payroll, one row per person, with Chinese headers.</summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync((int Year, int Month) month)
    {
        var data = await MonthAsync(month);
        string H(string key) => text[$"Export.{key}"];
        var rows = data.Statements.Select(s => new Dictionary<string, object?>
        {
            [H("Month")] = data.Month, [H("StaffNumber")] = s.StaffNumber, [H("Name")] = s.Name, [H("Region")] = s.Region,
            [H("BonusBase")] = s.BonusBase, [H("BonusDeductions")] = s.BonusDeductions,
            [H("BonusForfeited")] = s.BonusForfeited ? text["Yes"].Value : "", [H("PayDeductions")] = s.PayDeductions,
            [H("Rewards")] = s.Rewards, [H("Net")] = s.Net, [H("Flags")] = string.Join("、", s.Flags.Select(f => ReasonText.Flag(f, text))),
            [H("Score")] = s.Score, [H("Rank")] = s.Rank, [H("Lines")] = s.Lines, [H("State")] = data.Closed ? text["MonthClosed"].Value : text["MonthOpen"].Value,
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, sheetName: data.Month);
        return (stream.ToArray(), $"statements-{data.Month}.xlsx");
    }

    private bool IsOver((int Year, int Month) month) => clock.GetUtcNow() >= MonthRange.Instants(month, policies.Zone).End;

    /// <summary>
    /// The open month's statements of <paramref name="people"/>, judged live, with their number of lines. <paramref name="everyone"/>:
    /// they are the whole company, so every incident is read as the close reads them (a scan of the table, not ten thousand
    /// ids to match). Without <paramref name="withLines"/> (the month's list, which shows totals) the lines are counted and
    /// let go: for the whole company they are a million objects.
    /// </summary>
    private async Task<Dictionary<int, (Statement Statement, int Lines, decimal? Score, int? Rank, int Ranked)>> PreviewAsync((int Year, int Month) month,
        IReadOnlyCollection<int> people, bool everyone = false, bool withLines = true)
    {
        var judgement = await LoadAsync(month, everyone ? null : people, default);
        var statements = new Dictionary<int, (Statement Statement, int Lines, decimal? Score, int? Rank, int Ranked)>();
        await judgement.RunAsync(forClose: false, people, (person, statement, _, place, ranked) =>
        {
            statements[person] = (withLines ? statement : statement with { Lines = [] }, statement.Lines.Count, place?.Score, place?.Rank, ranked);
            return ValueTask.CompletedTask;
        }, errors, default);
        return statements;
    }

    /// <summary>
    /// Everything a month's judgement reads, read before it starts (a close then streams its lines on the same
    /// connection): incidents up to the month's end, which have evidence, which are already on a closed month's ledger,
    /// reversals of appeals upheld after their month closed, and the ranking.
    /// </summary>
    private async Task<MonthJudgement> LoadAsync((int Year, int Month) month, IReadOnlyCollection<int>? people, CancellationToken ct,
        Stopwatch? watch = null)
    {
        var (start, end) = MonthRange.Instants(month, policies.Zone);
        var assessor = await policies.AssessorAsync(ct);
        var closedAt = (await db.MonthCloses.AsNoTracking().Select(c => new { c.Year, c.Month, c.ClosedAt }).ToListAsync(ct))
            .Where(c => (c.Year, c.Month) != month).ToDictionary(c => (c.Year, c.Month), c => c.ClosedAt);
        var (unjudged, targetsFrom) = await UnjudgedLateAsync(month, start, closedAt, people, ct);
        // Each incident is judged against the part of its person's history its rules count (ASM-0): not every incident
        // ever, or a company with years of them would read all of them every month.
        var lookback = Lookback.Of(await policies.InForceAsync(targetsFrom, end.AddTicks(-1), ct));
        var from = lookback.From(targetsFrom);
        var wholeEmployment = lookback.WholeEmploymentKinds.ToList();
        // A close reads most of the table. SQLite would walk the index on At and fetch each row by its id (2 s for a
        // million rows, against 0.2 s for a plain scan of the table).
        var source = people is null && !db.IsPostgres ? db.Incidents.FromSql($"SELECT * FROM \"Incidents\" NOT INDEXED") : db.Incidents;
        var incidents = Concerning(source.AsNoTracking().Where(i => i.At < end && i.State != IncidentState.AppealUpheld
            && (i.At >= from || EF.Parameter(wholeEmployment).Contains(i.Kind))), people);
        var all = await IncidentRows.ReadAsync(incidents.Select(i => new IncidentRow(i.Id, i.PersonId, i.ManagerId, Vocabulary.Shared(i.Kind)!, i.At, i.Severity,
            i.Amount, i.Waived, i.WaiverReason, i.RestoredAt, i.Verified, i.FalseReport, i.EquipmentId, Vocabulary.Shared(i.EquipmentKind),
            Vocabulary.Shared(i.Cause), Vocabulary.Shared(i.RepairClass), i.RecordedAt)), ct);
        // Only whether an incident has evidence matters here (a waiver may need it), not the files themselves.
        var withEvidence = (await db.IncidentFiles.Select(f => f.IncidentId).Distinct().ToListAsync(ct)).ToHashSet();
        if (watch is not null) Phase(watch, "read incidents");

        var extra = new Dictionary<int, List<Judged>>();
        void Add(int person, AssessmentLine line, StatementLine ledger) =>
            (extra.TryGetValue(person, out var lines) ? lines : extra[person] = []).Add(new Judged(line, person, ledger));

        // Appeals upheld after the incident's month was closed: what it cost there comes back now.
        var reversed = db.Incidents.AsNoTracking().Where(i => i.State == IncidentState.AppealUpheld
            && db.StatementLines.Any(l => (l.StaffId == i.PersonId || l.StaffId == i.ManagerId) && l.IncidentId == i.Id && !l.Reverses)
            && !db.StatementLines.Any(l => (l.StaffId == i.PersonId || l.StaffId == i.ManagerId) && l.IncidentId == i.Id && l.Reverses));
        if (people is not null) reversed = reversed.Where(i => people.Contains(i.PersonId));
        foreach (var incident in await reversed.ToListAsync(ct))
        {
            var original = await db.StatementLines.AsNoTracking()
                .Where(l => (l.StaffId == incident.PersonId || l.StaffId == incident.ManagerId) && l.IncidentId == incident.Id && !l.Reverses).ToListAsync(ct);
            foreach (var line in original.Where(l => l.Amount > 0 || l.ForfeitsBonus))
            {
                var refund = line.ForfeitsBonus ? await ForfeitedAmountAsync(line) : line.Amount;
                if (refund <= 0) continue;
                var reversal = new AssessmentLine(IncidentService.Person(line.StaffId), incident.Number, line.Rule, line.PolicyVersion, line.Kind, line.At,
                    refund, Pot.Reward, [new ReasonPart("Reason.Reversal", incident.Number, MonthRange.Text((line.Year, line.Month)))], []);
                Add(line.StaffId, reversal, new StatementLine(month.Year, month.Month, line.StaffId, reversal, incident.Id, (line.Year, line.Month),
                    ReasonJson.Of(reversal.Reason), reverses: true));
            }
        }

        // HR-4: rewards for won sales leads, granted this month, with the policy version they were granted under.
        var leads = db.SalesLeads.AsNoTracking().Where(l => l.RewardGrantedAt >= start && l.RewardGrantedAt < end && l.Reward != null);
        if (people is not null) leads = leads.Where(l => people.Contains(l.RecordedById));
        foreach (var lead in await leads.ToListAsync(ct))
        {
            var reward = new AssessmentLine(IncidentService.Person(lead.RecordedById), "", "HR-4", lead.RewardPolicyVersion!, "sales_lead",
                lead.RewardGrantedAt!.Value, lead.Reward!.Value, Pot.Reward, [new ReasonPart("Reason.SalesLead", lead.Number)], []);
            Add(lead.RecordedById, reward, new StatementLine(month.Year, month.Month, lead.RecordedById, reward, null, null, ReasonJson.Of(reward.Reason)));
        }

        // RNK-2 (and RNK-3 at the year's last close): the whole company's technicians are ranked, whoever is looking.
        var monthEnd = end.AddTicks(-1);
        var inForce = (await policies.ResolverAsync(ct))(monthEnd);
        // With every incident in hand (a close, or the whole company's preview) they are counted here, not by the database again.
        List<(int PersonId, string Kind, int Count)>? counted = null;
        if (people is null)
        {
            // Counted by the kind's text instance first (the texts are shared, so a million rows hash a reference, not a
            // string), then summed by the text itself, which is what the ranking reads.
            var counts = new Dictionary<(int PersonId, string Kind), int>(ByTextInstance.Comparer);
            for (var k = 0; k < all.Count; k++)
            {
                ref readonly var incident = ref all[k];
                if (incident.At >= start && !incident.Waived) CollectionsMarshal.GetValueRefOrAddDefault(counts, (incident.PersonId, incident.Kind), out _)++;
            }
            counted = [.. counts.GroupBy(c => c.Key, c => c.Value).Select(g => (g.Key.PersonId, g.Key.Kind, g.Sum()))];
        }
        var ranked = MonthlyRanking.Order(CompositeScore.Score(await RankingInputsAsync(month, start, end, counted, ct), inForce.Document.Ranking.Weights));
        foreach (var line in MonthlyRanking.Lines(ranked, inForce.Document.Ranking, inForce.Version, monthEnd)
                     .Concat(month.Month == 12 ? await YearEndLinesAsync(month.Year, ranked, inForce, monthEnd, ct) : []))
        {
            var person = int.Parse(line.Person, CultureInfo.InvariantCulture);
            Add(person, line, new StatementLine(month.Year, month.Month, person, line, null, null, ReasonJson.Of(line.Reason)));
        }
        // Every technician gets a statement of the closed month, even one with nothing on it.
        var technicians = await db.Staff.Where(s => s.Role == StaffRole.Technician && s.IsActive).Select(s => s.Id).ToListAsync(ct);
        if (watch is not null) Phase(watch, "reversals and ranking");

        return new MonthJudgement(month, start, policies.Zone, assessor, all, withEvidence, unjudged, extra,
            ranked.ToDictionary(r => int.Parse(r.Person, CultureInfo.InvariantCulture)), inForce.Document.BonusBase, technicians);
    }

    /// <summary>A person and a text, compared by the text's instance rather than its characters.</summary>
    private sealed class ByTextInstance : IEqualityComparer<(int PersonId, string Kind)>
    {
        public static readonly ByTextInstance Comparer = new();

        public bool Equals((int PersonId, string Kind) x, (int PersonId, string Kind) y) => x.PersonId == y.PersonId && ReferenceEquals(x.Kind, y.Kind);

        public int GetHashCode((int PersonId, string Kind) key) => HashCode.Combine(key.PersonId, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Kind));
    }

    /// <summary>Incidents of <paramref name="people"/> (a manager's statement carries the co-penalties of their people's incidents too); null: everyone.</summary>
    private static IQueryable<Incident> Concerning(IQueryable<Incident> incidents, IReadOnlyCollection<int>? people) => people is null ? incidents
        : incidents.Where(i => people.Contains(i.PersonId) || (i.ManagerId != null && people.Contains(i.ManagerId.Value)));

    /// <summary>
    /// Late incidents of closed months no close has judged yet, and the start of the earliest month they (and the month
    /// judged) belong to. An incident of a closed month was judged by that month's close, unless it was recorded after the
    /// close or just before it (<see cref="LateMargin"/>, a request still in flight while the close read). Each later close
    /// of a later month judged those it found, so only incidents recorded since the last such close can still be
    /// unjudged: they are found through the index on the time of recording, and checked against the ledger. The
    /// ledger grows by a million lines a month; reading all of it would make each close slower than the last.
    /// </summary>
    private async Task<(HashSet<int> Ids, DateTimeOffset FirstMonthStart)> UnjudgedLateAsync((int Year, int Month) month, DateTimeOffset start,
        Dictionary<(int Year, int Month), DateTimeOffset> closedAt, IReadOnlyCollection<int>? people, CancellationToken ct)
    {
        var since = DateTimeOffset.MaxValue;
        var lastOfLater = DateTimeOffset.MinValue;
        foreach (var (closed, at) in closedAt.OrderByDescending(c => c.Key))
        {
            lastOfLater = lastOfLater > at ? lastOfLater : at;
            if (closed.CompareTo(month) < 0 && lastOfLater < since) since = lastOfLater;
        }
        if (since == DateTimeOffset.MaxValue) return ([], start);
        since -= LateMargin;
        var candidates = await Concerning(db.Incidents.AsNoTracking()
                .Where(i => i.At < start && i.RecordedAt >= since && i.State != IncidentState.AppealUpheld), people)
            .Select(i => new { i.Id, i.PersonId, i.At, i.RecordedAt }).ToListAsync(ct);
        var late = candidates.Where(i => closedAt.TryGetValue(OccurrenceInPeriod.MonthOf(i.At, policies.Zone), out var closed)
            && i.RecordedAt >= closed - LateMargin).ToList();
        if (late.Count == 0) return ([], start);
        var latePeople = late.Select(i => i.PersonId).Distinct().ToList();
        var lateIds = late.Select(i => i.Id).ToList();
        var settled = (await db.StatementLines.AsNoTracking()
            .Where(l => EF.Parameter(latePeople).Contains(l.StaffId) && l.IncidentId != null && EF.Parameter(lateIds).Contains(l.IncidentId.Value) && !l.Reverses)
            .Select(l => l.IncidentId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        var unjudged = late.Where(i => !settled.Contains(i.Id)).ToList();
        var firstMonthStart = unjudged.Select(i => MonthRange.Instants(OccurrenceInPeriod.MonthOf(i.At, policies.Zone), policies.Zone).Start)
            .Append(start).Min();
        return ([.. unjudged.Select(i => i.Id)], firstMonthStart);
    }

    /// <summary>How long before a month's close an incident may have been recorded and still not be seen by it (a request in flight).</summary>
    private static readonly TimeSpan LateMargin = TimeSpan.FromDays(1);

    /// <summary>RNK-1: each active technician's month, from their visits, jobs, records, surveys and incidents.</summary>
    private async Task<List<RankingInput>> RankingInputsAsync((int Year, int Month) month, DateTimeOffset start, DateTimeOffset end,
        List<(int PersonId, string Kind, int Count)>? incidentCounts, CancellationToken ct)
    {
        var technicians = await db.Staff.AsNoTracking().Where(s => s.Role == StaffRole.Technician && s.IsActive)
            .Select(s => new { s.Id, s.StaffNumber }).ToListAsync(ct);
        var tolerance = workOrderPolicy.CheckInToleranceMeters;
        var checkIns = (await db.Visits.AsNoTracking().Where(v => v.CheckedInAt >= start && v.CheckedInAt < end)
                .Select(v => new { v.TechnicianId, v.CheckInMetersFromSite, v.CheckInAccuracyMeters }).ToListAsync(ct))
            .GroupBy(v => v.TechnicianId)
            .ToDictionary(g => g.Key, g => (All: g.Count(), OnSite: g.Count(v => v.CheckInMetersFromSite is { } m && m <= tolerance + (v.CheckInAccuracyMeters ?? 0))));
        var jobs = (await db.WorkOrders.AsNoTracking().Where(w => w.CompletedAt >= start && w.CompletedAt < end && w.TechnicianId != null)
            .GroupBy(w => w.TechnicianId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(g => g.Key, g => g.Count);
        var records = (await db.ServiceRecords.AsNoTracking().Where(r => r.SignedAt >= start && r.SignedAt < end)
            .GroupBy(r => r.TechnicianId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(g => g.Key, g => g.Count);
        var surveys = (await db.RecordSurveys.AsNoTracking().Where(s => s.At >= start && s.At < end)
                .Join(db.ServiceRecords, s => s.RecordId, r => r.Id, (s, r) => new { r.TechnicianId, s.Score }).ToListAsync(ct))
            .GroupBy(s => s.TechnicianId).ToDictionary(g => g.Key, g => (decimal?)decimal.Round((decimal)g.Average(s => s.Score), 2));
        // Counted per person and kind by the database: a month may hold a million incidents.
        incidentCounts ??= [.. (await db.Incidents.AsNoTracking().Where(i => i.At >= start && i.At < end && !i.Waived && i.State != IncidentState.AppealUpheld)
                .GroupBy(i => new { i.PersonId, i.Kind }).Select(g => new { g.Key.PersonId, g.Key.Kind, Count = g.Count() }).ToListAsync(ct))
            .Select(g => (g.PersonId, g.Kind, g.Count))];
        var incidents = incidentCounts.GroupBy(i => i.PersonId).ToDictionary(g => g.Key, g => g.Select(i => (i.Kind, i.Count)).ToList());
        return [.. technicians.Select(t =>
        {
            var kinds = incidents.GetValueOrDefault(t.Id) ?? [];
            int Count(Func<string, bool> kind) => kinds.Where(k => kind(k.Kind)).Sum(k => k.Count);
            var (all, onSite) = checkIns.GetValueOrDefault(t.Id);
            return new RankingInput(IncidentService.Person(t.Id), t.StaffNumber, all, onSite, jobs.GetValueOrDefault(t.Id), records.GetValueOrDefault(t.Id),
                surveys.GetValueOrDefault(t.Id), Count(k => k == "complaint_attitude"), Count(k => k != "complaint_attitude"),
                Count(k => k == "gps_anomaly"), Count(k => k.StartsWith("daily_report_", StringComparison.Ordinal)));
        })];
    }

    /// <summary>RNK-3: the year's top-three and bottom-three months of each technician, December's included.</summary>
    private async Task<IEnumerable<AssessmentLine>> YearEndLinesAsync(int year, IReadOnlyList<RankedPerson> december, PolicyInForce policy,
        DateTimeOffset at, CancellationToken ct)
    {
        var earlier = await db.MonthStatements.AsNoTracking().Where(s => s.Year == year && s.Month < 12 && s.Rank != null)
            .Select(s => new { s.StaffId, s.Month, s.Rank, s.Ranked }).ToListAsync(ct);
        var places = earlier.Select(s => (Person: IncidentService.Person(s.StaffId), s.Month, Rank: s.Rank!.Value, Ranked: s.Ranked ?? 0))
            .Concat(december.Select(r => (r.Person, Month: 12, r.Rank, Ranked: december.Count)))
            .GroupBy(p => p.Person)
            .ToDictionary(g => g.Key, g => ((IReadOnlyCollection<int>)[.. g.Where(p => p.Rank <= 3).Select(p => p.Month)],
                (IReadOnlyCollection<int>)[.. g.Where(p => p.Rank > Math.Max(3, p.Ranked - 3)).Select(p => p.Month)]));
        return YearEndEvaluation.Lines(places, policy.Document.YearEnd, policy.Version, at);
    }

    /// <summary>What a forfeiture actually took in its month: the bonus deducted beyond what the other bonus lines would have.</summary>
    private async Task<decimal> ForfeitedAmountAsync(StatementLine forfeit)
    {
        var statement = await db.MonthStatements.AsNoTracking().SingleAsync(s => s.Year == forfeit.Year && s.Month == forfeit.Month && s.StaffId == forfeit.StaffId);
        var others = await db.StatementLines.AsNoTracking().Where(l => l.Year == forfeit.Year && l.Month == forfeit.Month && l.StaffId == forfeit.StaffId
            && l.IncidentId != forfeit.IncidentId && l.Pot == Pot.Bonus).ToListAsync();
        var withoutIt = others.Any(l => l.ForfeitsBonus) ? statement.BonusBase : Math.Min(statement.BonusBase, others.Sum(l => l.Amount));
        return statement.BonusDeductions - withoutIt;
    }

    private async Task<Dictionary<int, (Statement Statement, decimal? Score, int? Rank, int Ranked)>> ClosedAsync((int Year, int Month) month,
        IReadOnlyCollection<int> people)
    {
        var totals = await db.MonthStatements.AsNoTracking().Where(s => s.Year == month.Year && s.Month == month.Month && people.Contains(s.StaffId)).ToListAsync();
        var lines = await db.StatementLines.AsNoTracking().Where(l => l.Year == month.Year && l.Month == month.Month && people.Contains(l.StaffId))
            .OrderBy(l => l.At).ThenBy(l => l.Id).ToListAsync();
        var numbers = lines.Where(l => l.IncidentId != null).Select(l => l.IncidentId!.Value).Distinct().ToDictionary(i => i, i => Incident.NumberOf(i));
        return totals.ToDictionary(t => t.StaffId, t => (Totals(t,
            [.. lines.Where(l => l.StaffId == t.StaffId).Select(l => new AssessmentLine(IncidentService.Person(l.StaffId),
                l.IncidentId is { } i ? numbers[i] : "", l.Rule, l.PolicyVersion, l.Kind, l.At, l.Amount, l.Pot, ReasonJson.Parts(l.Reason),
                l.Flags.Length == 0 ? [] : l.Flags.Split(','), l.ForfeitsBonus) { Corrects = l.CorrectsYear is { } y ? MonthRange.Text((y, l.CorrectsMonth!.Value)) : null })]),
            t.Score, t.Rank, t.Ranked ?? 0));
    }

    /// <summary>A closed month's totals as its close wrote them, and how many lines each person has (everyone's: <paramref name="people"/> null).</summary>
    private async Task<Dictionary<int, (Statement Statement, int Lines, decimal? Score, int? Rank, int Ranked)>> ClosedTotalsAsync((int Year, int Month) month,
        IReadOnlyCollection<int>? people)
    {
        var totals = db.MonthStatements.AsNoTracking().Where(s => s.Year == month.Year && s.Month == month.Month);
        var lines = db.StatementLines.Where(l => l.Year == month.Year && l.Month == month.Month);
        if (people is not null) (totals, lines) = (totals.Where(s => people.Contains(s.StaffId)), lines.Where(l => people.Contains(l.StaffId)));
        var counts = await lines.GroupBy(l => l.StaffId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return await totals.ToDictionaryAsync(t => t.StaffId, t => (Totals(t, []), counts.GetValueOrDefault(t.StaffId), t.Score, t.Rank, t.Ranked ?? 0));
    }

    private static Statement Totals(MonthStatement t, IReadOnlyList<AssessmentLine> lines) =>
        new(IncidentService.Person(t.StaffId), t.Year, t.Month, t.BonusBase, t.BonusDeductions, t.BonusForfeited, t.PayDeductions, t.Rewards, t.Net,
            t.Flags.Length == 0 ? [] : t.Flags.Split(','), t.SkillLevelChange, lines);

    private static StatementSummaryDto Summary(Staff person, IReadOnlyDictionary<int, string> regions,
        (Statement Statement, int Lines, decimal? Score, int? Rank, int Ranked) month)
    {
        var s = month.Statement;
        return new(person.Id, person.StaffNumber, person.Name, person.RegionId is { } r ? regions.GetValueOrDefault(r) : null, s.BonusBase, s.BonusDeductions,
            s.BonusForfeited, s.PayDeductions, s.Rewards, s.Net, s.Flags, s.SkillLevelChange, month.Lines, month.Score, month.Rank,
            month.Rank is null ? null : month.Ranked);
    }

    private StatementDto Dto(Staff person, IReadOnlyDictionary<int, string> regions, (int Year, int Month) month, bool closed,
        (Statement Statement, decimal? Score, int? Rank, int Ranked) ranked)
    {
        var s = ranked.Statement;
        return new(person.Id, person.StaffNumber, person.Name, person.RegionId is { } r ? regions.GetValueOrDefault(r) : null, MonthRange.Text(month), closed,
            s.BonusBase, s.BonusDeductions, s.BonusForfeited, s.PayDeductions, s.Rewards, s.Net, s.Flags, s.SkillLevelChange,
            [.. s.Lines.Select(l => new StatementLineDto(l.IncidentId.Length == 0 ? null : l.IncidentId, IncidentId(l.IncidentId), l.Rule, l.PolicyVersion,
                l.Kind, ReasonText.Kind(l.Kind, text), l.At, l.Amount, l.Pot.ToString().ToLowerInvariant(), ReasonText.Of(l, text), l.Flags, l.Corrects))],
            ranked.Score, ranked.Rank, ranked.Rank is null ? null : ranked.Ranked);
    }

    private static int? IncidentId(string number) =>
        number.StartsWith("AS", StringComparison.Ordinal) && int.TryParse(number[2..], CultureInfo.InvariantCulture, out var id) ? id : null;
}
