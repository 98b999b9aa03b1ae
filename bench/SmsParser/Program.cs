using System.Globalization;
using System.Text;
using AfterSales.Domain.Reports;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

// Parser throughput on one core (pinned to CPU 0) over a realistic mix of daily reports.
//   dotnet run -c Release --project bench/SmsParser            # a short job (1 launch, 3 warm-ups, 10 iterations)
//   dotnet run -c Release --project bench/SmsParser -- --job medium   # any BenchmarkDotNet switch works
BenchmarkRunner.Run<ParserBenchmark>(BenchConfig.Create(shortJob: !args.Any(a => a.StartsWith("--job", StringComparison.Ordinal))), args);

/// <summary>Parses the same mix of <see cref="ParserBenchmark.Messages"/> reports per operation; the column gives messages/s.</summary>
[MemoryDiagnoser]
public class ParserBenchmark
{
    public const int Messages = 1000;
    private readonly DailyReportParser _parser = new(DailyReportParser.DefaultKinds);
    private string[] _mix = [];

    [GlobalSetup]
    public void Setup() => _mix = ReportMix.Create(Messages, seed: 20261127);

    [Benchmark(OperationsPerInvoke = Messages, Description = "Parse one report")]
    public int Parse()
    {
        var entries = 0;
        foreach (var message in _mix) entries += _parser.Parse(message).Entries.Count;
        return entries;
    }
}

public static class BenchConfig
{
    public static IConfig Create(bool shortJob)
    {
        // Results go beside the binaries (bin/ is ignored), not into the folder the command was run from.
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"))
            .AddColumn(new MessagesPerSecondColumn());
        return shortJob
            ? config.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithAffinity(1).WithId("ShortOneCore"))
            : config;
    }
}

/// <summary>Messages per second on the one core, from the mean time per message.</summary>
public sealed class MessagesPerSecondColumn : IColumn
{
    public string Id => nameof(MessagesPerSecondColumn);
    public string ColumnName => "Messages/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Reports parsed per second on one core (1 s / mean)";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (1e9 / mean.Value).ToString("N0", CultureInfo.InvariantCulture) : "-";
    }
}

/// <summary>
/// What a regional manager's phone receives at 17:30: mostly well-formed reports of 1–4 entries in every style
/// (labels in either case, commas of both widths, masked, spaced, dashed and landline phones, dates and
/// signatures), and about one in ten with a mistake (no phone, no label, empty work, free text).
/// </summary>
public static class ReportMix
{
    private static readonly string[] Places = ["漳州民主路", "漳州龙文花园", "厦门湖里", "泉州丰泽", "福州仓山区", "广州天河", "深圳南山科技园", "东莞", "漳州浦东", "厦门C区"];
    private static readonly string[] Kinds = ["卷压设备", "垂直设备", "智能马桶", "淋浴房", "列车空调", "电动门"];
    private static readonly string[] Works = ["更换油管", "更换油缸", "定检(培训)、维护", "定检（培训）、维护", "维修冲水阀", "安装调试", "更换PCB板", "B栋更换密封圈", "清洗滤网、加氟"];
    private static readonly string[] LabelSeparators = ["", "", "", "、", ".", ":", "："];
    private static readonly string[] EntrySeparators = [",", "，", "\n", "\n", "；"];
    private static readonly string[] Dates = ["", "", "", "11月27日\n", "2026-11-27 ", "11.27 "];
    private static readonly string[] Signatures = ["", "", "", "\n张伟", "——李强", " 售后王芳"];
    private static readonly string[] Mistakes = ["今天休息", "A漳州民主路卷压设备,更换油管", "漳州龙文花园垂直设备,1393939***,更换油缸", "A漳州民主路卷压设备,1383838***,\nA厦门湖里,13838381234,维修"];

    public static string[] Create(int count, int seed)
    {
        var r = new Random(seed);
        var mix = new string[count];
        for (var n = 0; n < count; n++)
        {
            if (r.Next(10) == 0)
            {
                mix[n] = Mistakes[r.Next(Mistakes.Length)];
                continue;
            }
            var text = new StringBuilder(Dates[r.Next(Dates.Length)]);
            var entries = 1 + r.Next(4);
            for (var i = 0; i < entries; i++)
            {
                if (i > 0) text.Append(EntrySeparators[r.Next(EntrySeparators.Length)]);
                var comma = r.Next(2) == 0 ? "," : "，";
                text.Append((char)((r.Next(4) == 0 ? 'a' : 'A') + i)).Append(LabelSeparators[r.Next(LabelSeparators.Length)])
                    .Append(Places[r.Next(Places.Length)]).Append(Kinds[r.Next(Kinds.Length)]).Append(comma)
                    .Append(Phone(r)).Append(comma).Append(Works[r.Next(Works.Length)]);
            }
            text.Append(r.Next(3) == 0 ? "。" : "").Append(Signatures[r.Next(Signatures.Length)]);
            mix[n] = text.ToString();
        }
        return mix;
    }

    private static string Phone(Random r)
    {
        var mobile = "13" + r.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        return r.Next(6) switch
        {
            0 => mobile,
            1 or 2 => mobile[..7] + "***",
            3 => $"{mobile[..3]} {mobile[3..7]} {mobile[7..]}",
            4 => $"{mobile[..3]}-{mobile[3..7]}-{mobile[7..]}",
            _ => "0596-" + r.Next(2_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
        };
    }
}
