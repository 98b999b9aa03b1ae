namespace AfterSales.Domain.Reports;

/// <summary>
/// Reads the daily work report a technician texts to their manager (RPT-1) the way people really type it:
/// <c>A漳州民主路卷压设备,1383838***,更换油管,B漳州龙文花园垂直设备,1393939***,更换油缸</c>, with or without
/// line breaks, labels in either case and with <c>、 . : ：</c> after them, half- or full-width commas, phones masked,
/// spaced, dashed or with an area code, a date before and a signature after. Pure and allocation-light; it never
/// throws: whatever it cannot read becomes a <see cref="ReportProblem"/> with its position.
/// </summary>
/// <remarks>
/// A label is a letter A–Z at the start, after a line break, or right after a field separator that ends an entry
/// which already has its work, when it is followed by non-ASCII text or a label separator. That keeps the B of
/// <c>…,B栋维修</c> inside an entry whose work is still to come, and the L of <c>LED灯</c> inside the text.
/// </remarks>
public sealed class DailyReportParser
{
    /// <summary>Equipment kinds the command line knows when no catalog is given.</summary>
    public static readonly IReadOnlyList<string> DefaultKinds = ["卷压设备", "垂直设备", "智能马桶", "淋浴房", "列车空调"];

    private static readonly string[] HeadingWords = ["工作日报", "工作汇报", "工作内容", "今日工作", "日报", "汇报", "工作"];
    private static readonly string[] SignaturePrefixes = ["售后服务", "售后", "技术员", "技师"];

    // The most common surnames: a bare name on the last line is taken as the signature only if it starts with one.
    private const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤庄";

    private const int MaxPrefaceLength = 24;
    private const int MaxPhoneDigits = 12;

    // Known kinds indexed by their last character, longest first, so the longest suffix wins.
    private readonly Dictionary<char, string[]> _kindsByLastChar;

    public DailyReportParser(IEnumerable<string>? kinds = null)
    {
        _kindsByLastChar = (kinds ?? DefaultKinds)
            .Where(k => !string.IsNullOrWhiteSpace(k))
            .Select(k => k.Trim())
            .Distinct(StringComparer.Ordinal)
            .GroupBy(k => k[^1])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(k => k.Length).ToArray());
    }

    /// <summary>Parses one message. Never throws: a fault of the parser itself is reported as an unknown format.</summary>
    public ParsedReport Parse(string? text)
    {
        text ??= "";
        try
        {
            return ParseCore(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var span = new TextSpan(0, text.Length);
            return new ParsedReport([], [new ReportProblem(ReportProblemCode.UnknownFormat, span, text, [])], null, null, null, null);
        }
    }

    /// <summary>The parser without its safety net, for the property tests (which must never see it throw).</summary>
    internal ParsedReport ParseCore(string t)
    {
        var problems = new List<ReportProblem>();
        var entries = new List<ReportEntry>(4);
        var s = SkipWhite(t, 0, t.Length);
        var e = TrimEndWhite(t, s, t.Length);

        var headingEnd = ReadHeading(t, s, e, out var date);
        TextSpan? heading = null;
        if (headingEnd > s)
        {
            heading = TextSpan.FromBounds(s, TrimEndWhite(t, s, headingEnd));
            s = SkipWhiteAndSeparators(t, headingEnd, e);
        }

        string? signature = null;
        TextSpan? signatureSpan = null;
        if (FindSignature(t, s, e, out var signatureStart, out var nameStart, out var signatureEnd))
        {
            signature = t[nameStart..signatureEnd];
            signatureSpan = TextSpan.FromBounds(signatureStart, signatureEnd);
            e = signatureStart;
        }
        e = TrimEndPunctuation(t, s, e);

        if (s < e) ReadSegments(t, s, e, entries, problems);
        if (entries.Count == 0)
            problems.Insert(0, new ReportProblem(ReportProblemCode.NoEntries, new TextSpan(s, 0), "", []));
        CheckLabels(t, entries, problems);
        if (problems.Count > 1) problems = [.. problems.OrderBy(p => p.Span.Start)];
        if (problems.Count > 0) Locate(t, problems);
        return new ParsedReport(entries, problems, date, heading, signature, signatureSpan);
    }

    // ---- segments: one per entry ----

    private void ReadSegments(string t, int s, int e, List<ReportEntry> entries, List<ReportProblem> problems)
    {
        var (labelAt, contentStart) = BeginSegment(t, s, e);
        var segmentStart = s;
        var fieldStart = contentStart;
        var fieldIndex = 0;
        var hasWork = false;
        var i = contentStart;
        while (i < e)
        {
            var c = t[i];
            var next = -1;
            var labelled = false;
            if (IsFieldSeparator(c))
            {
                hasWork |= FieldGivesWork(t, fieldIndex, fieldStart, i);
                fieldIndex++;
                fieldStart = i + 1;
                if (hasWork)
                {
                    var j = SkipInlineSpace(t, i + 1, e);
                    if (IsLabelAt(t, j, e)) (next, labelled) = (j, true);
                }
            }
            else if (IsLineBreak(c))
            {
                var j = SkipWhite(t, i + 1, e);
                if (IsLabelAt(t, j, e)) (next, labelled) = (j, true);
                else if (LineHasFieldSeparator(t, j, e) && (hasWork || FieldGivesWork(t, fieldIndex, fieldStart, i))) next = j;
                else
                {
                    // A wrapped line: the field goes on.
                    i = j;
                    continue;
                }
            }
            if (next < 0)
            {
                i++;
                continue;
            }
            AddSegment(t, segmentStart, labelAt, contentStart, i, entries, problems);
            segmentStart = next;
            (labelAt, contentStart) = labelled ? BeginSegment(t, next, e) : (-1, next);
            fieldStart = contentStart;
            fieldIndex = 0;
            hasWork = false;
            i = contentStart;
        }
        AddSegment(t, segmentStart, labelAt, contentStart, e, entries, problems);
    }

    private static (int LabelAt, int ContentStart) BeginSegment(string t, int j, int e)
    {
        if (!IsLabelAt(t, j, e)) return (-1, j);
        var k = SkipInlineSpace(t, j + 1, e);
        if (k < e && IsLabelSeparator(t[k])) k++;
        return (j, k);
    }

    /// <summary>Whether a field closes with the entry's work done, so a label may follow it.</summary>
    private static bool FieldGivesWork(string t, int index, int start, int end)
    {
        var a = SkipWhite(t, start, end);
        var b = TrimEndWhite(t, a, end);
        if (a >= b) return false;
        if (index > 0) return !IsWholePhone(t, a, b);
        // The first field holds the phone and the work only when they are not separated by commas.
        return FindPhone(t, a, b, out _, out var phoneEnd, out _) && HasContent(t, phoneEnd, b);
    }

    private static bool LineHasFieldSeparator(string t, int j, int e)
    {
        for (var k = j; k < e; k++)
        {
            var c = t[k];
            if (IsLineBreak(c)) return false;
            if (c is ',' or '，' or ';' or '；') return true;
        }
        return false;
    }

    private void AddSegment(string t, int segmentStart, int labelAt, int contentStart, int end, List<ReportEntry> entries, List<ReportProblem> problems)
    {
        var e = TrimEndPunctuation(t, contentStart, end);
        var cs = SkipWhite(t, contentStart, e);
        var ordinal = (entries.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        if (labelAt < 0 && !HasAnyFieldSeparator(t, cs, e) && !FindPhone(t, cs, e, out _, out _, out _))
        {
            if (cs < e) problems.Add(Problem(t, ReportProblemCode.UnknownFormat, TextSpan.FromBounds(cs, e)));
            return;
        }

        int subjectStart, subjectEnd, workStart, phoneStart = -1, phoneEnd = -1, phoneBody = -1;
        if (FindPhoneField(t, cs, e, out var ps, out var pe, out var pb) || FindPhone(t, cs, e, out ps, out pe, out pb))
        {
            (phoneStart, phoneEnd, phoneBody) = (ps, pe, pb);
            subjectStart = cs;
            subjectEnd = TrimEndFieldPunctuation(t, cs, ps);
            workStart = SkipFieldPunctuation(t, pe, e);
        }
        else
        {
            var separator = cs;
            while (separator < e && !IsFieldSeparator(t[separator])) separator++;
            subjectStart = cs;
            subjectEnd = TrimEndFieldPunctuation(t, cs, separator);
            workStart = separator < e ? SkipFieldPunctuation(t, separator + 1, e) : e;
        }
        var workEnd = TrimEndFieldPunctuation(t, workStart, e);

        var subject = Clean(t, subjectStart, subjectEnd);
        var (place, equipment) = SplitSubject(subject);
        char? label = labelAt >= 0 ? char.ToUpperInvariant(t[labelAt]) : null;
        var entrySpan = TextSpan.FromBounds(labelAt >= 0 ? labelAt : cs, e);
        var designation = label?.ToString() ?? ordinal;
        var entry = new ReportEntry
        {
            Label = label,
            LabelSpan = labelAt >= 0 ? TextSpan.FromBounds(labelAt, contentStart) : new TextSpan(cs, 0),
            Subject = subject,
            SubjectSpan = TextSpan.FromBounds(subjectStart, subjectEnd),
            Place = place,
            Equipment = equipment,
            Phone = phoneStart >= 0 ? t[phoneStart..phoneEnd] : null,
            PhoneDigits = phoneStart >= 0 ? PhoneDigits(t, phoneBody, phoneEnd) : null,
            PhoneSpan = phoneStart >= 0 ? TextSpan.FromBounds(phoneStart, phoneEnd) : new TextSpan(subjectEnd, 0),
            Work = Clean(t, workStart, workEnd),
            WorkSpan = TextSpan.FromBounds(workStart, workEnd),
            Span = entrySpan,
        };
        entries.Add(entry);

        if (label is null) problems.Add(Problem(t, ReportProblemCode.MissingLabel, entrySpan, ordinal));
        if (entry.Subject.Length == 0 && entry.Phone is null && entry.Work.Length == 0)
        {
            problems.Add(Problem(t, ReportProblemCode.EmptyEntry, entrySpan, designation));
            return;
        }
        if (entry.Subject.Length == 0) problems.Add(Problem(t, ReportProblemCode.MissingSubject, entrySpan, designation));
        if (entry.Phone is null) problems.Add(Problem(t, ReportProblemCode.MissingPhone, entrySpan, designation));
        if (entry.Work.Length == 0) problems.Add(Problem(t, ReportProblemCode.EmptyWork, entrySpan, designation));
    }

    private (string? Place, string? Equipment) SplitSubject(string subject)
    {
        if (subject.Length == 0 || !_kindsByLastChar.TryGetValue(subject[^1], out var kinds)) return (null, null);
        foreach (var kind in kinds)
        {
            if (!subject.EndsWith(kind, StringComparison.Ordinal)) continue;
            var place = subject[..^kind.Length].TrimEnd();
            return (place.Length == 0 ? null : place, kind);
        }
        return (null, null);
    }

    private static void CheckLabels(string t, List<ReportEntry> entries, List<ReportProblem> problems)
    {
        var seen = 0u; // one bit per letter
        var expected = 'A';
        var unlabelled = 0; // entries without a letter stand where some letters belonged: any of them may come next
        foreach (var entry in entries)
        {
            if (entry.Label is not { } label)
            {
                unlabelled++;
                continue;
            }
            var bit = 1u << (label - 'A');
            var at = new TextSpan(entry.LabelSpan.Start, 1);
            if ((seen & bit) != 0) problems.Add(Problem(t, ReportProblemCode.DuplicateLabel, at, label.ToString()));
            else if ((label < expected || label > expected + unlabelled) && expected <= 'Z')
                problems.Add(Problem(t, ReportProblemCode.LabelOutOfOrder, at, label.ToString(), expected.ToString()));
            seen |= bit;
            expected = (char)(label + 1);
            unlabelled = 0;
        }
    }

    private static ReportProblem Problem(string t, ReportProblemCode code, TextSpan span, params string[] arguments) =>
        new(code, span, t.Substring(span.Start, span.Length), arguments);

    /// <summary>Fills in line and column in one sweep over the text (problems are few, texts may be long).</summary>
    private static void Locate(string t, List<ReportProblem> problems)
    {
        var order = Enumerable.Range(0, problems.Count).OrderBy(i => problems[i].Span.Start).ToArray();
        int line = 1, column = 1, at = 0;
        foreach (var index in order)
        {
            var target = Math.Min(problems[index].Span.Start, t.Length);
            for (; at < target; at++)
            {
                var c = t[at];
                if (c == '\r' && at + 1 < t.Length && t[at + 1] == '\n') continue;
                if (IsLineBreak(c))
                {
                    line++;
                    column = 1;
                }
                else if (!char.IsLowSurrogate(c) || at == 0 || !char.IsHighSurrogate(t[at - 1]))
                {
                    column++;
                }
            }
            problems[index] = problems[index] with { Line = line, Column = column };
        }
    }

    // ---- date and heading before the entries ----

    private static int ReadHeading(string t, int s, int e, out ReportDate? date)
    {
        var p = s;
        date = TryDate(t, s, e, out var afterDate);
        if (date is not null) p = SkipWhiteAndSeparators(t, afterDate, e);
        if (IsLabelAt(t, p, e)) return p;

        foreach (var word in HeadingWords)
        {
            if (!t.AsSpan(p, e - p).StartsWith(word, StringComparison.Ordinal)) continue;
            var q = p + word.Length;
            if (q >= e || char.IsWhiteSpace(t[q]) || IsFieldSeparator(t[q]) || t[q] is ':' or '：' || IsLabelAt(t, q, e))
                p = SkipWhiteAndSeparators(t, q, e);
            break;
        }

        // A short preface ending in a colon right before the first label: 今天工作如下：A…
        for (var k = p; k < e && k < p + MaxPrefaceLength; k++)
        {
            var c = t[k];
            if (IsLineBreak(c) || IsFieldSeparator(c)) break;
            if (c is not (':' or '：')) continue;
            var q = SkipWhite(t, k + 1, e);
            if (IsLabelAt(t, q, e)) return q;
            break;
        }
        return p;
    }

    private static ReportDate? TryDate(string t, int s, int e, out int end)
    {
        end = s;
        var k = s;
        var first = ReadNumber(t, ref k, e, 4);
        if (first.Digits == 0 || k >= e) return null;
        int? year = null;
        int month, day;
        var separator = t[k];
        if (first.Digits == 4)
        {
            if (separator is not ('-' or '/' or '.' or '年')) return null;
            k++;
            var m = ReadNumber(t, ref k, e, 2);
            if (m.Digits == 0 || k >= e || t[k] is not ('-' or '/' or '.' or '月')) return null;
            k++;
            var d = ReadNumber(t, ref k, e, 2);
            if (d.Digits == 0) return null;
            (year, month, day) = (first.Value, m.Value, d.Value);
            if (k < e && t[k] is '日' or '号') k++;
        }
        else if (first.Digits <= 2 && separator is '月' or '.' or '/' or '-')
        {
            k++;
            var d = ReadNumber(t, ref k, e, 2);
            if (d.Digits == 0) return null;
            (month, day) = (first.Value, d.Value);
            if (separator == '月' && k < e && t[k] is '日' or '号') k++;
            else if (separator != '月' && k < e && t[k] is '.' or '/' or '-' or '月') return null;
        }
        else return null;
        if (k < e && char.IsAsciiDigit(t[k])) return null;
        if (month is < 1 or > 12 || day is < 1 or > 31 || year is < 2000 or > 2100) return null;
        end = k;
        return new ReportDate(year, month, day);
    }

    private static (int Value, int Digits) ReadNumber(string t, ref int k, int e, int max)
    {
        int value = 0, digits = 0;
        while (k < e && digits <= max && char.IsAsciiDigit(t[k]))
        {
            value = value * 10 + (t[k] - '0');
            digits++;
            k++;
        }
        return digits > max ? (0, 0) : (value, digits);
    }

    // ---- signature after the entries ----

    private static bool FindSignature(string t, int s, int e, out int start, out int nameStart, out int end)
    {
        start = nameStart = end = 0;
        var e2 = TrimEndPunctuation(t, s, e);
        var k = e2;
        while (k > s && IsCjk(t[k - 1]) && e2 - k <= 8) k--;
        if (k > s && IsCjk(t[k - 1])) return false; // a run of text too long to be a name
        var prefix = 0;
        foreach (var p in SignaturePrefixes)
        {
            if (t.AsSpan(k, e2 - k).StartsWith(p, StringComparison.Ordinal))
            {
                prefix = p.Length;
                break;
            }
        }
        var nameLength = e2 - k - prefix;
        if (nameLength is < 2 or > 4) return false;

        var before = k;
        while (before > s && t[before - 1] is ' ' or '\t' or '\u3000') before--;
        var dash = before;
        while (dash > s && IsDash(t[dash - 1])) dash--;
        var startsLine = before == s || IsLineBreak(t[before - 1]);

        if (dash < before) start = dash;
        else if (prefix > 0 && (startsLine || before < k || IsSeparatorBeforeSignature(t[k - 1]))) start = k;
        else if (prefix == 0 && startsLine && Surnames.Contains(t[k])) start = k;
        else return false;
        nameStart = k + prefix;
        end = e2;
        return true;
    }

    private static bool IsSeparatorBeforeSignature(char c) => IsFieldSeparator(c) || c is '、' or '.' or '!' or '！';

    // ---- phones ----

    /// <summary>The first field after the subject that is a phone and nothing else.</summary>
    private static bool FindPhoneField(string t, int s, int e, out int start, out int end, out int body)
    {
        start = end = body = -1;
        var fieldStart = -1;
        for (var k = s; k <= e; k++)
        {
            if (k < e && !IsFieldSeparator(t[k])) continue;
            if (fieldStart >= 0)
            {
                var a = SkipWhite(t, fieldStart, k);
                var b = TrimEndWhite(t, a, k);
                if (a < b && MatchPhone(t, a, b, out var pe, out var pb) && pe == b)
                {
                    (start, end, body) = (a, b, pb);
                    return true;
                }
            }
            fieldStart = k + 1;
        }
        return false;
    }

    private static bool IsWholePhone(string t, int a, int b) => MatchPhone(t, a, b, out var end, out _) && end == b;

    /// <summary>The first phone anywhere in [s, e) that is not part of a longer number.</summary>
    private static bool FindPhone(string t, int s, int e, out int start, out int end, out int body)
    {
        for (var k = s; k < e; k++)
        {
            var c = t[k];
            if (!(IsDigit(c) || c is '+' or '＋' or '(' or '（')) continue;
            if (k > s && (IsDigit(t[k - 1]) || IsStar(t[k - 1]) || char.IsAsciiLetter(t[k - 1]))) continue;
            if (MatchPhone(t, k, e, out end, out body))
            {
                start = k;
                return true;
            }
        }
        start = end = body = -1;
        return false;
    }

    /// <summary>
    /// A phone starting at <paramref name="k"/>: optional +86 / 0086, optional (area code), then 7–12 digits or
    /// masking stars in groups split by single spaces or dashes. <paramref name="body"/> is where the national
    /// number starts.
    /// </summary>
    private static bool MatchPhone(string t, int k, int e, out int end, out int body)
    {
        end = body = k;
        var country = false;
        if (k < e && t[k] is '+' or '＋')
        {
            if (k + 2 >= e || t[k + 1] != '8' || t[k + 2] != '6') return false;
            k += 3;
            country = true;
        }
        else if (k + 4 < e && t[k] == '0' && t[k + 1] == '0' && t[k + 2] == '8' && t[k + 3] == '6' && !IsDigit(t[k + 4]))
        {
            k += 4;
            country = true;
        }
        if (country && k < e && t[k] is ' ' or '-' or '\u00A0') k++;
        body = k;

        var count = 0;
        var digits = 0;
        if (k < e && t[k] is '(' or '（')
        {
            var q = k + 1;
            while (q < e && IsDigit(t[q]) && q - k <= 4) q++;
            var area = q - k - 1;
            if (area is < 3 or > 4 || t[k + 1] is not ('0' or '０') || q >= e || t[q] is not (')' or '）')) return false;
            count = digits = area;
            k = q + 1;
            if (k < e && t[k] is ' ' or '-' or '\u00A0') k++;
        }
        if (k >= e || !IsDigit(t[k])) return false;
        var last = -1;
        while (k < e)
        {
            var c = t[k];
            if (IsDigit(c) || IsStar(c))
            {
                if (++count > MaxPhoneDigits) return false;
                if (IsDigit(c)) digits++;
                last = k;
                k++;
            }
            else if (c is ' ' or '-' or '－' or '\u00A0' && last == k - 1 && k + 1 < e && (IsDigit(t[k + 1]) || IsStar(t[k + 1])))
            {
                k++;
            }
            else break;
        }
        if (count < 7 || digits < 3) return false;
        if (country && count != 11) return false;
        end = last + 1;
        return true;
    }

    private static string PhoneDigits(string t, int start, int end)
    {
        Span<char> buffer = stackalloc char[MaxPhoneDigits];
        var n = 0;
        for (var k = start; k < end && n < buffer.Length; k++)
        {
            var c = t[k];
            if (c is >= '0' and <= '9') buffer[n++] = c;
            else if (c is >= '０' and <= '９') buffer[n++] = (char)('0' + (c - '０'));
            else if (IsStar(c)) buffer[n++] = '*';
        }
        return new string(buffer[..n]);
    }

    // ---- characters ----

    private static bool IsLabelAt(string t, int j, int e)
    {
        if (j >= e || !char.IsAsciiLetter(t[j])) return false;
        var k = j + 1;
        if (k >= e) return false;
        if (IsLabelSeparator(t[k])) return true;
        k = SkipInlineSpace(t, k, e);
        if (k >= e) return false;
        var c = t[k];
        return c > '\u007F' && !char.IsWhiteSpace(c) && !IsFieldSeparator(c) && !IsDash(c);
    }

    private static bool IsFieldSeparator(char c) => c is ',' or '，' or ';' or '；' or '。';

    private static bool IsLabelSeparator(char c) => c is '、' or '.' or ':' or '：' or '．';

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085';

    private static bool IsDash(char c) => c is '—' or '-' or '－' or '–' or '~' or '～' or '―';

    private static bool IsDigit(char c) => c is (>= '0' and <= '9') or (>= '０' and <= '９');

    private static bool IsStar(char c) => c is '*' or '＊';

    private static bool IsCjk(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or '·';

    private static bool IsTrailingPunctuation(char c) => c is '。' or '.' or '；' or ';' or '!' or '！' or ',' or '，' or '、';

    private static bool IsFieldPunctuation(char c) => IsFieldSeparator(c) || c is '、' or ':' or '：' or '.' or '．';

    private static bool HasContent(string t, int a, int b)
    {
        for (var k = a; k < b; k++)
            if (!char.IsWhiteSpace(t[k]) && !IsFieldPunctuation(t[k])) return true;
        return false;
    }

    private static bool HasAnyFieldSeparator(string t, int a, int b)
    {
        for (var k = a; k < b; k++)
            if (IsFieldSeparator(t[k])) return true;
        return false;
    }

    private static int SkipWhite(string t, int k, int e)
    {
        while (k < e && char.IsWhiteSpace(t[k])) k++;
        return k;
    }

    private static int SkipInlineSpace(string t, int k, int e)
    {
        while (k < e && char.IsWhiteSpace(t[k]) && !IsLineBreak(t[k])) k++;
        return k;
    }

    private static int SkipWhiteAndSeparators(string t, int k, int e)
    {
        while (k < e && (char.IsWhiteSpace(t[k]) || IsFieldSeparator(t[k]) || t[k] is ':' or '：')) k++;
        return k;
    }

    private static int SkipFieldPunctuation(string t, int k, int e)
    {
        while (k < e && (char.IsWhiteSpace(t[k]) || IsFieldPunctuation(t[k]))) k++;
        return k;
    }

    private static int TrimEndWhite(string t, int s, int e)
    {
        while (e > s && char.IsWhiteSpace(t[e - 1])) e--;
        return e;
    }

    private static int TrimEndPunctuation(string t, int s, int e)
    {
        while (e > s && (char.IsWhiteSpace(t[e - 1]) || IsTrailingPunctuation(t[e - 1]))) e--;
        return e;
    }

    private static int TrimEndFieldPunctuation(string t, int s, int e)
    {
        while (e > s && (char.IsWhiteSpace(t[e - 1]) || IsFieldPunctuation(t[e - 1]) || IsTrailingPunctuation(t[e - 1]))) e--;
        return e;
    }

    /// <summary>The text of [a, b) with the line breaks of a wrapped line (and the spaces around them) removed.</summary>
    private static string Clean(string t, int a, int b)
    {
        if (a >= b) return "";
        var span = t.AsSpan(a, b - a);
        if (span.IndexOfAny('\n', '\r') < 0 && span.IndexOfAny('\u2028', '\u2029', '\u0085') < 0) return span.ToString();
        var builder = new System.Text.StringBuilder(span.Length);
        for (var k = 0; k < span.Length; k++)
        {
            if (!IsLineBreak(span[k]))
            {
                builder.Append(span[k]);
                continue;
            }
            while (builder.Length > 0 && char.IsWhiteSpace(builder[^1])) builder.Length--;
            while (k + 1 < span.Length && char.IsWhiteSpace(span[k + 1])) k++;
        }
        return builder.ToString();
    }
}
