using System.Globalization;
using System.Text.Json;
using AfterSales.Domain.Assessment;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Assessment;

/// <summary>
/// Incidents and people as JSON Lines (docs/assessment-files.md): one object per line, blank lines skipped. Every
/// line is checked; a file with a bad line gives its problems with their line numbers and no facts.
/// </summary>
public sealed class AssessmentFiles(IStringLocalizer<AssessmentText> text)
{
    private static readonly HashSet<string> IncidentFields =
    [
        "id", "person", "kind", "at", "amount", "severity", "waived", "waiverReason", "evidence", "manager", "restoredAt", "verified",
        "falseReport", "equipment", "equipmentKind", "cause", "repairClass",
    ];

    private static readonly HashSet<string> PersonFields = ["person", "name", "manager", "bonusBase", "skillLevel"];

    public sealed record Problem(int Line, string Message);

    public (List<IncidentFacts> Incidents, List<Problem> Problems) ReadIncidents(IEnumerable<string> lines)
    {
        var incidents = new List<IncidentFacts>();
        var problems = new List<Problem>();
        foreach (var (number, json) in Lines(lines, problems))
        {
            var line = new LineReader(json, number, text, problems, IncidentFields);
            var kind = line.Text("kind", required: true);
            if (kind is not null && !PolicyDocument.KnownKinds.Contains(kind)) line.Invalid("kind", kind);
            var severity = line.Text("severity");
            if (severity is not null and not ("normal" or "serious")) line.Invalid("severity", severity);
            var repairClass = line.Text("repairClass");
            if (repairClass is not null and not ("minor" or "medium" or "major")) line.Invalid("repairClass", repairClass);
            var (waived, waiverReason) = line.Waiver();
            var incident = new IncidentFacts
            {
                Id = line.Text("id") ?? $"line {number}",
                Sequence = number,
                Person = line.Text("person", required: true) ?? "",
                Kind = kind ?? "",
                At = line.Instant("at", required: true) ?? default,
                Amount = line.Amount("amount"),
                Severity = severity == "serious" ? Severity.Serious : Severity.Normal,
                Waived = waived,
                WaiverReason = waiverReason,
                HasEvidence = line.Flag("evidence"),
                Manager = line.Text("manager"),
                RestoredAt = line.Instant("restoredAt"),
                Verified = line.Flag("verified"),
                FalseReport = line.Flag("falseReport"),
                Equipment = line.Text("equipment"),
                EquipmentKind = line.Text("equipmentKind"),
                Cause = line.Text("cause"),
                RepairClass = repairClass,
            };
            if (line.IsGood) incidents.Add(incident);
        }
        return (problems.Count == 0 ? incidents : [], problems);
    }

    public (List<PersonFacts> People, List<Problem> Problems) ReadPeople(IEnumerable<string> lines)
    {
        var people = new List<PersonFacts>();
        var problems = new List<Problem>();
        foreach (var (number, json) in Lines(lines, problems))
        {
            var line = new LineReader(json, number, text, problems, PersonFields);
            var person = new PersonFacts(line.Text("person", required: true) ?? "", line.Text("name"), line.Text("manager"),
                line.Amount("bonusBase"), line.Integer("skillLevel"));
            if (line.IsGood) people.Add(person);
        }
        return (problems.Count == 0 ? people : [], problems);
    }

    private IEnumerable<(int Number, JsonElement Json)> Lines(IEnumerable<string> lines, List<Problem> problems)
    {
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            JsonElement json;
            try
            {
                using var document = JsonDocument.Parse(raw);
                json = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                problems.Add(new Problem(number, e.Message.Split(" Path:")[0]));
                continue;
            }
            if (json.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new Problem(number, text["Cli.NotJson"]));
                continue;
            }
            yield return (number, json);
        }
    }

    /// <summary>Reads one line's fields, collecting a problem for each missing, unknown or badly typed one.</summary>
    private sealed class LineReader
    {
        private readonly JsonElement _json;
        private readonly int _number;
        private readonly IStringLocalizer<AssessmentText> _text;
        private readonly List<Problem> _problems;
        private readonly int _problemsBefore;

        public LineReader(JsonElement json, int number, IStringLocalizer<AssessmentText> text, List<Problem> problems, HashSet<string> fields)
        {
            (_json, _number, _text, _problems, _problemsBefore) = (json, number, text, problems, problems.Count);
            foreach (var property in json.EnumerateObject().Where(p => !fields.Contains(p.Name)))
                Add(_text["Cli.Field.Unknown", property.Name]);
        }

        public bool IsGood => _problems.Count == _problemsBefore;

        public void Invalid(string field, string value) => Add(_text["Cli.Field.Invalid", field, value]);

        public string? Text(string field, bool required = false)
        {
            if (!_json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required) Add(_text["Cli.Field.Required", field]);
                return null;
            }
            if (value.ValueKind != JsonValueKind.String || (required && string.IsNullOrWhiteSpace(value.GetString())))
            {
                Invalid(field, value.GetRawText());
                return null;
            }
            return value.GetString()!.Trim();
        }

        public decimal? Amount(string field)
        {
            if (!_json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var amount) && amount >= 0) return amount;
            if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out amount) && amount >= 0)
                return amount;
            Invalid(field, value.GetRawText());
            return null;
        }

        public int? Integer(string field)
        {
            if (!_json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)) return number;
            Invalid(field, value.GetRawText());
            return null;
        }

        public bool Flag(string field)
        {
            if (!_json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return false;
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
            Invalid(field, value.GetRawText());
            return false;
        }

        /// <summary>An instant with its offset: a local time without one would be read differently on every server.</summary>
        public DateTimeOffset? Instant(string field, bool required = false)
        {
            var raw = Text(field, required);
            if (raw is null) return null;
            var hasOffset = raw.EndsWith('Z') || raw.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(raw, @"[+-]\d{2}:?\d{2}$");
            if (!hasOffset)
            {
                Add(_text["Cli.Field.NoOffset", field]);
                return null;
            }
            if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) return at;
            Invalid(field, raw);
            return null;
        }

        /// <summary><c>"waived": true</c> with <c>waiverReason</c>, or <c>"waived": "the reason"</c>.</summary>
        public (bool Waived, string? Reason) Waiver()
        {
            var reason = Text("waiverReason");
            if (!_json.TryGetProperty("waived", out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.False) return (false, reason);
            if (value.ValueKind == JsonValueKind.True) return (true, reason);
            if (value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())) return (true, value.GetString()!.Trim());
            Invalid("waived", value.GetRawText());
            return (false, null);
        }

        private void Add(string message) => _problems.Add(new Problem(_number, message));
    }
}
