using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AfterSales.Domain.Reports;

namespace AfterSales.Features.Reports;

/// <summary>
/// <c>./aftersales sms parse</c>: parse daily work reports (RPT-1) given as <c>--text</c> or as JSON Lines
/// (<c>{"from":…,"at":…,"text":…}</c>) and print one JSON result per message. Touches no database.
/// </summary>
public static class SmsCommands
{
    private static readonly JsonWriterOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var sms = new Command("sms", "Daily SMS work reports (RPT-1).");
        var parse = new Command("parse", "Parse reports and print one JSON line per message: entries and problems with their positions.");
        var file = new Option<string?>("--file") { Description = "JSON Lines file, one {\"from\",\"at\",\"text\"} object a line; - reads standard input" };
        var text = new Option<string?>("--text") { Description = "One message to parse" };
        var kinds = new Option<string?>("--kinds")
        {
            Description = "Equipment kinds, comma-separated (default: " + string.Join(",", DailyReportParser.DefaultKinds) + ")",
        };
        var culture = new Option<string>("--culture") { Description = "Language of the problem messages: zh-CN or en", DefaultValueFactory = _ => "zh-CN" };
        parse.Options.Add(file);
        parse.Options.Add(text);
        parse.Options.Add(kinds);
        parse.Options.Add(culture);
        parse.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file);
            var single = result.GetValue(text);
            if ((path is null) == (single is null))
            {
                await Console.Error.WriteLineAsync("Give either --text \"…\" or --file F (--file - for standard input).");
                return 2;
            }
            var language = result.GetValue(culture) is "en" ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("zh-CN");
            var parser = new DailyReportParser(result.GetValue(kinds) is { } list
                ? list.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : DailyReportParser.DefaultKinds);

            List<Message> messages;
            if (single is not null) messages = [new Message(null, null, single)];
            else
            {
                var (read, errors) = await ReadAsync(path!, ct);
                if (errors.Count > 0)
                {
                    foreach (var error in errors) await Console.Error.WriteLineAsync(error);
                    return 2;
                }
                messages = read;
            }

            await using var stdout = Console.OpenStandardOutput();
            await using var writer = new Utf8JsonWriter(stdout, Output);
            foreach (var message in messages)
            {
                Write(writer, message, parser.Parse(message.Text), language);
                await writer.FlushAsync(ct);
                writer.Reset();
                stdout.WriteByte((byte)'\n');
            }
            return 0;
        });
        sms.Subcommands.Add(parse);
        return sms;
    }

    private sealed record Message(JsonElement? From, JsonElement? At, string Text);

    /// <summary>Every line is checked before anything is printed, so a bad file prints no results at all.</summary>
    private static async Task<(List<Message> Messages, List<string> Errors)> ReadAsync(string path, CancellationToken ct)
    {
        var messages = new List<Message>();
        var errors = new List<string>();
        string[] lines;
        try
        {
            lines = path == "-"
                ? (await Console.In.ReadToEndAsync(ct)).Split('\n')
                : await File.ReadAllLinesAsync(path, ct);
        }
        catch (IOException e)
        {
            errors.Add($"{path}: {e.Message}");
            return (messages, errors);
        }
        catch (UnauthorizedAccessException e)
        {
            errors.Add($"{path}: {e.Message}");
            return (messages, errors);
        }
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    errors.Add($"line {i + 1}: expected a JSON object with \"text\"");
                else if (!root.TryGetProperty("text", out var body) || body.ValueKind != JsonValueKind.String)
                    errors.Add($"line {i + 1}: \"text\" is missing or not a string");
                else
                    messages.Add(new Message(Property(root, "from"), Property(root, "at"), body.GetString()!));
            }
            catch (JsonException e)
            {
                errors.Add($"line {i + 1}: not valid JSON ({e.Message})");
            }
            catch (InvalidOperationException e)
            {
                // e.g. an escaped lone surrogate ("\ud800"): valid JSON syntax, but no text.
                errors.Add($"line {i + 1}: {e.Message}");
            }
        }
        return (messages, errors);
    }

    private static JsonElement? Property(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.Clone() : null;

    private static void Write(Utf8JsonWriter w, Message message, ParsedReport report, CultureInfo language)
    {
        w.WriteStartObject();
        WriteValue(w, "from", message.From);
        WriteValue(w, "at", message.At);
        if (report.Date is { } date)
            w.WriteString("date", date.Year is { } year ? $"{year:D4}-{date.Month:D2}-{date.Day:D2}" : $"{date.Month:D2}-{date.Day:D2}");
        if (report.Signature is not null) w.WriteString("signature", report.Signature);
        w.WriteStartArray("entries");
        foreach (var entry in report.Entries)
        {
            w.WriteStartObject();
            if (entry.Label is { } label) w.WriteString("label", label.ToString());
            else w.WriteNull("label");
            w.WriteString("subject", entry.Subject);
            w.WriteString("place", entry.Place);
            w.WriteString("equipment", entry.Equipment);
            w.WriteString("phone", entry.Phone);
            w.WriteString("phoneDigits", entry.PhoneDigits);
            w.WriteString("work", entry.Work);
            w.WriteNumber("start", entry.Span.Start);
            w.WriteNumber("end", entry.Span.End);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("problems");
        foreach (var problem in report.Problems)
        {
            w.WriteStartObject();
            w.WriteString("code", problem.Code.ToString());
            w.WriteString("message", ReportsText.Message(problem, language));
            w.WriteNumber("start", problem.Span.Start);
            w.WriteNumber("line", problem.Line);
            w.WriteNumber("column", problem.Column);
            w.WriteString("excerpt", problem.Excerpt);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, string name, JsonElement? value)
    {
        w.WritePropertyName(name);
        if (value is { } element) element.WriteTo(w);
        else w.WriteNullValue();
    }
}
