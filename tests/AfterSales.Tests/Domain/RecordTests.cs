using AfterSales.Domain;
using AfterSales.Domain.Records;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Tests.Domain;

/// <summary>The rules of the service record: REC-1 kinds and draft, REC-2 signature and links, REC-3 frozen once signed and hashed.</summary>
public sealed class RecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 6, 30, 15, TimeSpan.Zero);
    private static readonly RecordPolicy Policy = new();
    private static readonly byte[] Png = Convert.FromBase64String(Features.RecordsTests.Png);

    [Theory]
    [InlineData(WorkOrderKind.Installation, RecordKind.Installation)]
    [InlineData(WorkOrderKind.Measurement, RecordKind.Guidance)]
    [InlineData(WorkOrderKind.Guidance, RecordKind.Guidance)]
    [InlineData(WorkOrderKind.Maintenance, RecordKind.Maintenance)]
    [InlineData(WorkOrderKind.Repair, RecordKind.Maintenance)]
    public void REC1_the_form_follows_the_kind_of_job(WorkOrderKind kind, RecordKind expected) =>
        Assert.Equal(expected, ServiceRecord.KindOf(kind));

    [Fact]
    public void REC1_the_draft_needs_what_was_done_and_a_period_that_does_not_end_before_it_starts()
    {
        var record = Draft();
        Assert.Equal("Required", Assert.Throws<DomainException>(() => record.UpdateDraft(new RecordDraft(" ", null, null, null, null, null))).Code);
        var reversed = Assert.Throws<DomainException>(() => record.UpdateDraft(new RecordDraft("安装", null, null, new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 1), null)));
        Assert.Equal(("InstallPeriodReversed", "InstallTo"), (reversed.Code, reversed.Field));
    }

    [Fact]
    public void REC2_a_record_without_what_was_done_cannot_be_signed()
    {
        var record = new ServiceRecord(Snapshot(), Now);
        Assert.Equal("RecordNotReadyToSign", Assert.Throws<ConflictException>(() => record.Sign(Png, "王先生", SignerRole.Owner, Now, SignedVia.Phone, Policy)).Code);
    }

    [Theory]
    [InlineData("empty", "SignatureRequired")]
    [InlineData("jpeg", "SignatureNotPng")]
    [InlineData("huge", "SignatureTooLarge")]
    public void REC2_the_signature_is_a_PNG_within_the_size_limit(string kind, string code)
    {
        byte[] bytes = kind switch
        {
            "empty" => [],
            "jpeg" => [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0, 1, 1, 1, 0, 0x48, 0, 0x48, 0, 0, 0, 0, 0, 0],
            _ => [.. Png, .. new byte[Policy.MaxSignatureBytes]],
        };
        var record = Draft();
        Assert.Equal(code, Assert.Throws<DomainException>(() => record.Sign(bytes, "王先生", SignerRole.Owner, Now, SignedVia.Phone, Policy)).Code);
        Assert.False(record.IsSigned);
    }

    [Fact]
    public void REC3_once_signed_the_record_refuses_every_change_and_its_hash_covers_content_signature_signer_and_time()
    {
        var record = Draft();
        record.Sign(Png, " 王先生 ", SignerRole.Owner, Now.AddTicks(1234), SignedVia.Phone, Policy);

        Assert.Equal(Now, record.SignedAt);
        Assert.Equal("王先生", record.SignerName);
        Assert.True(record.Verify());
        var refused = Assert.Throws<ConflictException>(() => record.UpdateDraft(new RecordDraft("改", null, null, null, null, null)));
        Assert.Equal("RecordSigned", refused.Code);
        Assert.Equal("RecordSigned", Assert.Throws<ConflictException>(() => record.Sign(Png, "别人", SignerRole.Other, Now, SignedVia.Link, Policy)).Code);

        var content = record.Content();
        var hash = RecordHash.Of(content, Png);
        Assert.Equal(record.ContentHash, hash);
        Assert.NotEqual(hash, RecordHash.Of(content with { WorkDone = content.WorkDone + "。" }, Png));
        Assert.NotEqual(hash, RecordHash.Of(content with { SignerName = "王太太" }, Png));
        Assert.NotEqual(hash, RecordHash.Of(content with { SignedAt = Now.AddSeconds(1) }, Png));
        Assert.NotEqual(hash, RecordHash.Of(content, [.. Png, 0]));
        Assert.NotEqual(hash, RecordHash.Of(content with { Lines = [content.Lines[0] with { Value = 306m }] }, Png));
        // A number read back with more decimals (numeric(18,3)) is the same number: the hash does not change.
        Assert.Equal(hash, RecordHash.Of(content with { Lines = [content.Lines[0] with { Value = 305.000m }] }, Png));
    }

    [Fact]
    public void REC3_amendments_and_the_hand_in_are_for_signed_records_only()
    {
        var record = Draft();
        Assert.Equal("AmendOnlySigned", Assert.Throws<ConflictException>(() => new RecordAmendment(record, "更正", 1, "张伟", Now)).Code);
        Assert.Equal("AcknowledgeOnlySigned", Assert.Throws<ConflictException>(() => new RecordAcknowledgement(record, 1, Now)).Code);
        record.Sign(Png, "王先生", SignerRole.Owner, Now, SignedVia.Phone, Policy);
        Assert.Equal("更正", new RecordAmendment(record, " 更正 ", 1, "张伟", Now).Text);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void REC2_the_survey_score_is_one_to_five(int score, bool accepted)
    {
        if (accepted) Assert.Equal(score, new RecordSurvey(1, score, null, Now, SignedVia.Link).Score);
        else Assert.Equal("SurveyScoreRange", Assert.Throws<DomainException>(() => new RecordSurvey(1, score, null, Now, SignedVia.Link)).Code);
    }

    [Fact]
    public void REC2_a_link_carries_256_random_bits_stores_only_their_hash_works_once_and_expires()
    {
        var (link, token) = RecordLink.Issue(1, RecordLinkPurpose.Sign, Now, Policy);
        var (_, other) = RecordLink.Issue(1, RecordLinkPurpose.Sign, Now, Policy);
        Assert.NotEqual(token, other);
        Assert.Equal(43, token.Length);
        Assert.NotEqual(token, link.TokenHash);
        Assert.Equal(RecordLink.HashOf(token), link.TokenHash);
        Assert.Equal(Now.AddHours(72), link.ExpiresAt);
        Assert.True(link.IsUsable(Now.AddHours(71)));
        Assert.Equal("LinkExpired", Assert.Throws<ConflictException>(() => link.Use(Now.AddHours(72))).Code);
        link.Use(Now.AddHours(1));
        Assert.Equal("LinkUsed", Assert.Throws<ConflictException>(() => link.Use(Now.AddHours(2))).Code);
        Assert.False(link.IsUsable(Now.AddHours(2)));
    }

    private static ServiceRecord Draft()
    {
        var record = new ServiceRecord(Snapshot(), Now);
        record.UpdateDraft(new RecordDraft("安装智能马桶", "下周贴砖", null, null, null, null));
        return record;
    }

    private static RecordSnapshot Snapshot() => new(1, "WO000001", WorkOrderKind.Installation, 1, 1, 7, "张伟", "王建华", "13800000001", "厦门市民主路10号",
        [new RecordLineContent(RecordLineKind.Measurement, "墙距", null, 305m, "Millimetre", null, null)]);
}
