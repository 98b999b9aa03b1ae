using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AfterSales.Tests.Domain;

/// <summary>Every string a user reads exists in Chinese and in English, with the same placeholders.</summary>
public sealed partial class ResourceTests
{
    private static readonly string Source = Path.Combine(Support.Repository.Root, "src", "AfterSales");

    public static TheoryData<string> ResourcePairs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Source, "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".zh-CN.resx", StringComparison.Ordinal) && !f.Contains("/bin/") && !f.Contains("/obj/")))
            data.Add(Path.GetRelativePath(Source, file));
        return data;
    }

    [Theory, MemberData(nameof(ResourcePairs))]
    public void Chinese_and_English_have_the_same_keys_and_placeholders(string neutral)
    {
        var english = Read(Path.Combine(Source, neutral));
        var chinese = Read(Path.Combine(Source, neutral.Replace(".resx", ".zh-CN.resx", StringComparison.Ordinal)));

        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
        foreach (var (key, text) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{neutral}: {key} is empty in English");
            Assert.False(string.IsNullOrWhiteSpace(chinese[key]), $"{neutral}: {key} is empty in Chinese");
            Assert.True(Placeholders(text).SetEquals(Placeholders(chinese[key])), $"{neutral}: {key} has other placeholders in Chinese");
        }
    }

    [Fact]
    public void Every_error_code_thrown_by_the_code_has_a_message()
    {
        var messages = Read(Path.Combine(Source, "Infrastructure", "ErrorText.resx"));
        var thrown = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"))
            .SelectMany(f => ThrownCode().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Code: m.Groups[1].Value)))
            .ToList();
        Assert.True(thrown.Count > 20, $"only {thrown.Count} throw sites found: the pattern no longer matches the code");
        var missing = thrown
            .Where(t => !messages.ContainsKey(t.Code))
            .Select(t => $"{t.File}: {t.Code}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "codes without a message in ErrorText: " + string.Join(", ", missing));
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?:DomainException|NotFoundException|ConflictException|ForbiddenException)\(""([A-Za-z0-9.]+)""")]
    private static partial Regex ThrownCode();
}
