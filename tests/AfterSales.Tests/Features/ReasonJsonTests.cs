using System.Globalization;
using System.Text.Json;
using AfterSales.Domain.Assessment;
using AfterSales.Features.Assessment;

namespace AfterSales.Tests.Features;

/// <summary>The stored form of a ledger line's reason (RNK-4: every line with its reason) is read back by every statement.</summary>
public class ReasonJsonTests
{
    public static TheoryData<ReasonPart[]> Reasons => new()
    {
        Array.Empty<ReasonPart>(),
        new[] { new ReasonPart("Reason.Fixed", 20m, "month") },
        new[] { new ReasonPart("Reason.Ladder", 3, "complaint_attitude"), new ReasonPart("Reason.Waived", "事先报备的特殊情况 \"派出所\" \\ <b>") },
        new[] { new ReasonPart("Reason.Reversal", "AS000123", "2026-10"), new ReasonPart("Reason.Range", 12.5m, 1000.00m, new DateTime(2026, 10, 1)) },
    };

    [Theory, MemberData(nameof(Reasons))]
    public void A_reason_is_stored_as_the_serializer_would_write_it_and_reads_back_unchanged(ReasonPart[] parts)
    {
        var stored = ReasonJson.Of(parts);

        var expected = JsonSerializer.Serialize(parts.Select(p =>
            p.Arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)).Prepend(p.Code["Reason.".Length..])));
        Assert.Equal(expected, stored);
        var read = ReasonJson.Parts(stored);
        Assert.Equal(parts.Select(p => p.Code), read.Select(p => p.Code));
        Assert.Equal(parts.Select(p => p.Arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture))), read.Select(p => p.Arguments.Cast<string>()));
    }

    [Theory, MemberData(nameof(Reasons))]
    public void A_reason_stored_in_the_first_form_reads_back_unchanged(ReasonPart[] parts)
    {
        // Lines of months closed before the short form are never rewritten (the ledger is append-only).
        var stored = JsonSerializer.Serialize(parts.Select(p => new { p.Code, Args = p.Arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)) }));

        var read = ReasonJson.Parts(stored);

        Assert.Equal(parts.Select(p => p.Code), read.Select(p => p.Code));
        Assert.Equal(parts.Select(p => p.Arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture))), read.Select(p => p.Arguments.Cast<string>()));
    }

    [Fact]
    public void A_code_outside_the_reason_texts_is_stored_whole()
    {
        var stored = ReasonJson.Of([new ReasonPart("Other.Code", "x"), new ReasonPart("Reason.Fixed")]);

        Assert.Equal("""[["Other.Code","x"],["Fixed"]]""", stored);
        Assert.Equal(["Other.Code", "Reason.Fixed"], ReasonJson.Parts(stored).Select(p => p.Code));
    }

    [Fact]
    public void Reasons_written_on_several_threads_do_not_mix()
    {
        var results = new string[2000];
        Parallel.For(0, results.Length, i => results[i] = ReasonJson.Of([new ReasonPart("Reason.Fixed", i)]));
        for (var i = 0; i < results.Length; i++) Assert.Equal($$"""[["Fixed","{{i}}"]]""", results[i]);
    }
}
