using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Assessment;

/// <summary>A person's finished month: their statement, the ledger lines that make it, and their place in the ranking.</summary>
internal delegate ValueTask Settle(int person, Statement statement, IReadOnlyList<StatementLine> lines, RankedPerson? place, int ranked);

/// <summary>
/// One month judged in memory from what <see cref="StatementService"/> read: the month's incidents, late incidents of
/// closed months, reversals and the ranking lines. People are judged one by one — each incident against the slice of
/// its person's history the rules read (OccurrenceInPeriod and ReworkLowersSkill count only earlier incidents of the
/// same person and kind) — in parallel batches, and each finished person is handed to the caller at once, so a close
/// never holds a million ledger lines (it writes them as they come) and no query runs while it judges.
/// </summary>
internal sealed class MonthJudgement(
    (int Year, int Month) month,
    DateTimeOffset start,
    TimeZoneInfo zone,
    Assessor assessor,
    IncidentRows incidents,
    HashSet<int> withEvidence,
    HashSet<int> lateIncidents,
    Dictionary<int, List<Judged>> extraLines,
    Dictionary<int, RankedPerson> ranking,
    decimal defaultBonusBase,
    IReadOnlyList<int> technicians)
{
    /// <summary>People judged together between two hand-overs: enough to keep both cores busy, few enough to stay small.</summary>
    private const int Batch = 32;

    public IReadOnlyDictionary<int, RankedPerson> Ranking => ranking;

    /// <summary>
    /// Judges everyone and settles each person once: team by team, each manager as soon as everyone whose incidents name
    /// them (their co-penalties, ASM-1) is judged. <paramref name="forClose"/>: an incident the rules cannot judge stops
    /// everything (the preview leaves it out; its page says why) and every active technician gets a statement, even an
    /// empty one.
    /// </summary>
    public async Task RunAsync(bool forClose, IReadOnlyCollection<int>? people, Settle settle, IStringLocalizer<ErrorText> errors, CancellationToken ct)
    {
        // Person by person, each person's incidents in the order they were recorded: an index sorted by one key.
        var order = new int[incidents.Count];
        var keys = new long[incidents.Count];
        // The rows are read in place: an incident is a hundred bytes, copied out at each look.
        var rows = incidents;
        for (var k = 0; k < rows.Count; k++) (order[k], keys[k]) = (k, ((long)rows[k].PersonId << 32) | (uint)rows[k].Id);
        Array.Sort(keys, order);
        var names = new Dictionary<int, string>();
        void Name(int id)
        {
            if (!names.ContainsKey(id)) names[id] = IncidentService.Person(id);
        }
        for (var k = 0; k < rows.Count; k++)
        {
            ref readonly var incident = ref rows[k];
            Name(incident.PersonId);
            if (incident.ManagerId is { } m) Name(m);
        }
        // Which managers each person's judged incidents name: a manager's statement is complete once all those people
        // are judged.
        var targets = new bool[incidents.Count];
        var namedBy = new Dictionary<int, HashSet<int>>();
        for (var k = 0; k < rows.Count; k++)
        {
            targets[k] = IsTarget(rows[k]);
            if (targets[k] && rows[k].ManagerId is { } manager && manager != rows[k].PersonId)
                (namedBy.TryGetValue(rows[k].PersonId, out var named) ? named : namedBy[rows[k].PersonId] = []).Add(manager);
        }
        var waitingFor = new Dictionary<int, int>();
        foreach (var named in namedBy.Values)
            foreach (var manager in named) CollectionsMarshal.GetValueRefOrAddDefault(waitingFor, manager, out _)++;
        var spans = new List<(int Team, bool Manager, int Person, int From, int Count)>();
        for (var from = 0; from < order.Length;)
        {
            var person = rows[order[from]].PersonId;
            var to = from;
            while (to < order.Length && rows[order[to]].PersonId == person) to++;
            var isManager = waitingFor.ContainsKey(person);
            spans.Add((isManager ? person : namedBy.TryGetValue(person, out var named) ? named.Min() : person, isManager, person, from, to - from));
            from = to;
        }
        // Team by team, the manager after their people, so that a manager's co-penalty lines wait for a team, not the
        // whole company (held to the end, they were what outlived the garbage collector's young generations).
        spans.Sort((a, b) => (a.Team, a.Manager, a.Person).CompareTo((b.Team, b.Manager, b.Person)));
        var withSpan = spans.Select(s => s.Person).ToHashSet();
        var judged = new HashSet<int>();

        var pending = new Dictionary<int, List<Judged>>();
        var settled = new HashSet<int>();
        List<Judged> Pending(int person)
        {
            if (settled.Contains(person)) throw new InvalidOperationException($"Staff {person} was settled before all their lines were judged.");
            return pending.TryGetValue(person, out var lines) ? lines : pending[person] = [];
        }
        async ValueTask SettleAsync(int person)
        {
            settled.Add(person);
            var lines = pending.Remove(person, out var own) ? own : [];
            if (extraLines.Remove(person, out var extra)) lines.AddRange(extra);
            if (people is not null && !people.Contains(person)) return;
            lines.Sort((a, b) => a.Line.At != b.Line.At ? a.Line.At.CompareTo(b.Line.At) : string.CompareOrdinal(a.Line.IncidentId, b.Line.IncidentId));
            var statement = Statement.Of(IncidentService.Person(person), month.Year, month.Month, defaultBonusBase, [.. lines.Select(l => l.Line)]);
            await settle(person, statement, forClose ? [.. lines.Select(l => l.Ledger!)] : [], ranking.GetValueOrDefault(person), ranking.Count);
        }

        // The next batch is judged (on the other core) while this one is handed over (and written).
        Task<PersonJudged[]> JudgeBatch(int first) => Task.Run(() =>
        {
            var batch = spans.GetRange(first, Math.Min(Batch, spans.Count - first));
            var results = new PersonJudged[batch.Count];
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct },
                k => results[k] = JudgePerson(order, targets, batch[k].From, batch[k].Count, names, forClose));
            return results;
        }, ct);
        var next = spans.Count > 0 ? JudgeBatch(0) : null;
        for (var first = 0; first < spans.Count; first += Batch)
        {
            var results = await next!;
            next = first + Batch < spans.Count ? JudgeBatch(first + Batch) : null;
            for (var k = 0; k < results.Length; k++)
            {
                var (lines, problem) = results[k];
                if (problem is { } p && forClose)
                    throw new ConflictException("MonthCloseIncidentProblem", p.Incident, DomainExceptionHandler.Format(errors, p.Error.Code, p.Error.Arguments));
                var person = spans[first + k].Person;
                var own = Pending(person);
                foreach (var line in lines) (line.StaffId == person ? own : Pending(line.StaffId)).Add(line);
                judged.Add(person);
                if (waitingFor.GetValueOrDefault(person) == 0) await SettleAsync(person);
                if (!namedBy.TryGetValue(person, out var named)) continue;
                // A manager is settled as soon as nothing more can come to them, if anything has (as at the end).
                foreach (var manager in named)
                    if (--waitingFor[manager] == 0 && (judged.Contains(manager) || !withSpan.Contains(manager))
                        && (pending.ContainsKey(manager) || extraLines.ContainsKey(manager))) await SettleAsync(manager);
            }
        }
        foreach (var person in pending.Keys.Concat(extraLines.Keys).Distinct().Order().ToList()) await SettleAsync(person);
        if (!forClose) return;
        foreach (var person in technicians.Where(t => !settled.Contains(t))) await SettleAsync(person);
    }

    /// <summary>The month's own incidents, and late ones of closed months that no close has judged yet.</summary>
    private bool IsTarget(in IncidentRow incident) => incident.At >= start || lateIncidents.Contains(incident.Id);

    /// <summary>One person's incidents of the month (and late ones of closed months) against their own history.</summary>
    /// <paramref name="ledger"/>: the ledger rows are made too (a close); a preview needs only the lines.
    private PersonJudged JudgePerson(int[] order, bool[] targets, int from, int count, Dictionary<int, string> names, bool ledger)
    {
        var facts = new IncidentFacts[count];
        var histories = new Dictionary<string, List<IncidentFacts>>(StringComparer.Ordinal);
        for (var k = 0; k < count; k++)
        {
            ref readonly var incident = ref incidents[order[from + k]];
            facts[k] = incident.Facts(withEvidence.Contains(incident.Id), names);
            if (!histories.TryGetValue(incident.Kind, out var history)) histories[incident.Kind] = history = [];
            history.Add(facts[k]);
        }
        var lines = new List<Judged>(count + count / 4);
        (string, DomainException)? problem = null;
        var produced = new List<AssessmentLine>(4);
        for (var k = 0; k < count; k++)
        {
            if (!targets[order[from + k]]) continue;
            ref readonly var incident = ref incidents[order[from + k]];
            produced.Clear();
            try
            {
                assessor.Judge(facts[k], histories[incident.Kind], produced);
            }
            catch (DomainException e)
            {
                problem ??= (incident.Number, e); // the preview leaves this incident out; the close stops
                continue;
            }
            var corrects = incident.At < start ? OccurrenceInPeriod.MonthOf(incident.At, zone) : ((int, int)?)null;
            for (var l = 0; l < produced.Count; l++)
            {
                var line = produced[l];
                // The person's own lines carry the very name made for them; a co-penalty names the manager.
                var staffId = ReferenceEquals(line.Person, facts[k].Person) ? incident.PersonId : int.Parse(line.Person, CultureInfo.InvariantCulture);
                lines.Add(new Judged(line, staffId, ledger ? new StatementLine(month.Year, month.Month, staffId, line, incident.Id, corrects,
                    ReasonJson.Of(line.Reason)) : null));
            }
        }
        return new PersonJudged(lines, problem);
    }

    private sealed record PersonJudged(List<Judged> Lines, (string Incident, DomainException Error)? Problem);
}

/// <summary>A judged line, whose statement it is on, and the ledger row that stores it (a close only).</summary>
internal readonly record struct Judged(AssessmentLine Line, int StaffId, StatementLine? Ledger);

/// <summary>
/// Reason parts are stored as their code and text arguments, all the reader needs to render them in any language: one
/// JSON array of strings per part, the code first without its "Reason." prefix (<c>[["Kind","gps_anomaly"],["Fixed"]]</c>).
/// A close writes a million of them, so they are written by hand with one reused buffer per thread, and kept short: in
/// the first form (<c>[{"Code":"Reason.Kind","Args":["gps_anomaly"]}]</c>, still read) the reason was half of a line.
/// </summary>
internal static class ReasonJson
{
    private const string Prefix = "Reason.";

    /// <summary>The distinct reasons a thread has written, kept as one string each: a close's million reasons are a few hundred texts.</summary>
    private const int MaxShared = 4096;

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _writer;
    [ThreadStatic] private static Dictionary<string, string>? _written;

    public static string Of(IReadOnlyList<ReasonPart> parts)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var json = _writer ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        json.WriteStartArray();
        for (var k = 0; k < parts.Count; k++)
        {
            var part = parts[k];
            json.WriteStartArray();
            json.WriteStringValue(part.Code.StartsWith(Prefix, StringComparison.Ordinal) && part.Code.IndexOf('.', Prefix.Length) < 0
                ? part.Code.AsSpan(Prefix.Length) : part.Code);
            foreach (var argument in part.Arguments) json.WriteStringValue(Convert.ToString(argument, CultureInfo.InvariantCulture) ?? "");
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.Flush();
        return Shared(buffer.WrittenSpan);
    }

    private static string Shared(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 512) return Encoding.UTF8.GetString(utf8);
        Span<char> text = stackalloc char[512];
        text = text[..Encoding.UTF8.GetChars(utf8, text)];
        var written = _written ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (written.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var shared)) return shared;
        shared = new string(text);
        if (written.Count < MaxShared) written.Add(shared, shared);
        return shared;
    }

    public static ReasonPart[] Parts(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(part => part.ValueKind == JsonValueKind.Object
            ? new ReasonPart(part.GetProperty("Code").GetString()!, [.. part.GetProperty("Args").EnumerateArray().Select(a => (object)a.GetString()!)])
            : Part(part))];
    }

    private static ReasonPart Part(JsonElement part)
    {
        var code = part[0].GetString()!;
        return new ReasonPart(code.Contains('.', StringComparison.Ordinal) ? code : Prefix + code,
            [.. part.EnumerateArray().Skip(1).Select(a => (object)a.GetString()!)]);
    }
}

/// <summary>
/// The columns of an incident the rules read, and the facts they make — exactly <see cref="Incident.Facts"/> (without
/// equipment names), without materializing the whole entity: a close reads every incident up to the month's end. A
/// struct, and its few distinct texts kept once (<see cref="Vocabulary"/>): a million rows are then one array for the
/// garbage collector to step over, not millions of objects to trace.
/// </summary>
internal readonly record struct IncidentRow(int Id, int PersonId, int? ManagerId, string Kind, DateTimeOffset At, Severity Severity, decimal? Amount,
    bool Waived, string? WaiverReason, DateTimeOffset? RestoredAt, bool Verified, bool FalseReport, int? EquipmentId, string? EquipmentKind,
    string? Cause, string? RepairClass, DateTimeOffset RecordedAt)
{
    public string Number => Incident.NumberOf(Id);

    /// <summary>The facts, with whether the incident has evidence and the people's names made once per close.</summary>
    public IncidentFacts Facts(bool hasEvidence, Dictionary<int, string> names) => new()
    {
        Id = Number, Sequence = Id, Person = names[PersonId], Kind = Kind, At = At, Severity = Severity, Amount = Amount,
        Waived = Waived, WaiverReason = WaiverReason, HasEvidence = hasEvidence, Manager = ManagerId is { } m ? names[m] : null,
        RestoredAt = RestoredAt, Verified = Verified, FalseReport = FalseReport, Equipment = EquipmentId is { } e ? $"E{e}" : null,
        EquipmentKind = EquipmentKind, Cause = Cause, RepairClass = RepairClass,
    };
}

/// <summary>
/// A close's incident rows, kept in the blocks they were read into: one array of the final size would be a second copy
/// of a million of them on the large-object heap, whose growth sets off full garbage collections.
/// </summary>
internal sealed class IncidentRows
{
    private const int BlockBits = 16;
    private const int BlockSize = 1 << BlockBits;
    private readonly IncidentRow[][] _blocks;

    private IncidentRows(IncidentRow[][] blocks, int count) => (_blocks, Count) = (blocks, count);

    public int Count { get; }

    public ref readonly IncidentRow this[int index] => ref _blocks[index >> BlockBits][index & (BlockSize - 1)];

    /// <summary>Reads the rows; the highest id, once used to size one array, counts every incident ever.</summary>
    public static async Task<IncidentRows> ReadAsync(IQueryable<IncidentRow> rows, CancellationToken ct)
    {
        var blocks = new List<IncidentRow[]>();
        var count = 0;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if ((count & (BlockSize - 1)) == 0) blocks.Add(new IncidentRow[BlockSize]);
            blocks[^1][count & (BlockSize - 1)] = row;
            count++;
        }
        return new IncidentRows([.. blocks], count);
    }
}

/// <summary>
/// The same short text read a million times (an incident's kind, an equipment kind, a cause) kept as one string. Bounded,
/// so free text cannot make it grow without end; beyond the bound a text is simply not shared.
/// </summary>
internal static class Vocabulary
{
    private const int MaxWords = 10_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Words = new(StringComparer.Ordinal);

    public static string? Shared(string? text) =>
        text is null || text.Length > 64 ? text
        : Words.TryGetValue(text, out var shared) ? shared
        : Words.Count < MaxWords ? Words.GetOrAdd(text, text) : text;
}
