using AfterSales.Domain;
using AfterSales.Domain.Fees;
using AfterSales.Infrastructure.Pdf;

namespace AfterSales.Tests.Domain;

/// <summary>The rules of receipts (FEE-1, REC-3), cash hand-ins (FEE-2) and the PDF layout, without a database.</summary>
public sealed class FeesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static Receipt NewReceipt(PaymentMethod method = PaymentMethod.Cash, int technicianId = 7) =>
        new(new ReceiptNumber("FJ", 2026, 123), 1, 1, technicianId, method, Now, technicianId);

    [Fact]
    public void FEE1_the_number_reads_series_year_and_six_digit_sequence()
    {
        Assert.Equal("FJ-2026-000123", NewReceipt().Number);
    }

    [Fact]
    public void FEE1_line_totals_are_exact_decimals_rounded_to_the_fen()
    {
        var receipt = NewReceipt();
        Assert.Equal(99.99m, receipt.AddLine(ReceiptLineKind.Material, null, "密封圈", 3, 33.33m).LineTotal);
        Assert.Equal(0.30m, receipt.AddLine(ReceiptLineKind.Material, null, "生料带", 3, 0.1m).LineTotal);
        Assert.Equal(0.83m, receipt.AddLine(ReceiptLineKind.Material, null, "胶水（按米）", 0.333m, 2.5m).LineTotal); // 0.8325 → 0.83
        Assert.Equal(101.12m, receipt.Total);
    }

    [Theory]
    [InlineData(0, 10, "ReceiptQuantityNotPositive")]
    [InlineData(-1, 10, "ReceiptQuantityNotPositive")]
    [InlineData(1, -0.01, "AmountNegative")]
    [InlineData(1, 0.001, "AmountHasTooManyDecimals")]
    public void FEE2_a_line_never_carries_money_owed_to_the_technician(decimal quantity, decimal price, string code)
    {
        var error = Assert.Throws<DomainException>(() => NewReceipt().AddLine(ReceiptLineKind.Service, null, "垫付", quantity, price));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void FEE2_there_is_no_line_kind_for_an_advance()
    {
        Assert.Equal(["Material", "Service"], Enum.GetNames<ReceiptLineKind>());
        Assert.Equal("ReceiptLineKindInvalid",
            Assert.Throws<DomainException>(() => NewReceipt().AddLine((ReceiptLineKind)9, null, "垫付", 1, 10)).Code);
    }

    [Fact]
    public void REC3_a_signed_receipt_refuses_every_change_and_can_only_be_voided()
    {
        var receipt = NewReceipt();
        Assert.Equal("ReceiptHasNoLines", Assert.Throws<DomainException>(() => receipt.Sign("王建华", Png, Now, Today)).Code);
        var line = receipt.AddLine(ReceiptLineKind.Service, null, "上门服务", 1, 100);
        Assert.Equal("SignatureRequired", Assert.Throws<DomainException>(() => receipt.Sign("王建华", [], Now, Today)).Code);
        Assert.Equal("SignatureInvalid", Assert.Throws<DomainException>(() => receipt.Sign("王建华", [1, 2, 3, 4, 5, 6, 7, 8, 9], Now, Today)).Code);
        Assert.Equal("Required", Assert.Throws<DomainException>(() => receipt.Sign(" ", Png, Now, Today)).Code);

        receipt.Sign(" 王建华 ", Png, Now, Today);

        Assert.Equal(ReceiptState.Signed, receipt.State);
        Assert.Equal("王建华", receipt.SignedByName);
        Assert.Equal(Today, receipt.SignedOn);
        Assert.True(receipt.IsCashCollected);
        Assert.IsType<ConflictException>(Assert.Throws<ConflictException>(() => receipt.AddLine(ReceiptLineKind.Service, null, "再加", 1, 1)));
        Assert.Throws<ConflictException>(() => receipt.RemoveLine(line.Id));
        Assert.Throws<ConflictException>(() => receipt.ChangePaymentMethod(PaymentMethod.Transfer));
        Assert.Throws<ConflictException>(() => receipt.Sign("李四", Png, Now, Today));
        Assert.Equal(100m, receipt.Total);

        Assert.Equal("Required", Assert.Throws<DomainException>(() => receipt.Void("", Now, 2)).Code);
        receipt.Void("开错客户", Now, 2);
        Assert.Equal(ReceiptState.Voided, receipt.State);
        Assert.False(receipt.IsCashCollected);
        Assert.Throws<ConflictException>(() => receipt.Void("again", Now, 2));
        Assert.Equal("FJ-2026-000123", receipt.Number); // the number stays taken
    }

    private static Receipt Signed(decimal amount, PaymentMethod method = PaymentMethod.Cash, int technicianId = 7, DateOnly? day = null)
    {
        var receipt = NewReceipt(method, technicianId);
        receipt.AddLine(ReceiptLineKind.Service, null, "服务", 1, amount);
        receipt.Sign("客户", Png, Now, day ?? Today);
        return receipt;
    }

    [Fact]
    public void FEE2_a_hand_in_takes_only_the_technicians_signed_cash_receipts_of_that_day()
    {
        Assert.Equal("ReceiptNotCashOfDay", Assert.Throws<DomainException>(() =>
            new CashHandIn(7, 1, Today, 100, [Signed(100, PaymentMethod.Transfer)], null, Now, 7)).Code);
        Assert.Throws<DomainException>(() => new CashHandIn(7, 1, Today, 100, [Signed(100, technicianId: 8)], null, Now, 7));
        Assert.Throws<DomainException>(() => new CashHandIn(7, 1, Today, 100, [Signed(100, day: Today.AddDays(-1))], null, Now, 7));
        Assert.Throws<DomainException>(() => new CashHandIn(7, 1, Today, 100, [NewReceipt()], null, Now, 7));
        Assert.Equal("HandInNeedsReceiptsOrNote", Assert.Throws<DomainException>(() => new CashHandIn(7, 1, Today, 100, [], null, Now, 7)).Code);
        Assert.Equal("AmountNegative", Assert.Throws<DomainException>(() => new CashHandIn(7, 1, Today, -1, [], "垫付", Now, 7)).Code);

        var handIn = new CashHandIn(7, 1, Today, 150, [Signed(100), Signed(55.5m)], null, Now, 7);
        Assert.Equal(155.5m, handIn.Billed);
    }

    [Fact]
    public void FEE2_a_confirmed_hand_in_does_not_change_and_the_technician_cannot_confirm_their_own()
    {
        var handIn = new CashHandIn(7, 1, Today, 150, [Signed(150)], null, Now, 7);
        Assert.Throws<ForbiddenException>(() => handIn.Confirm(150, 7, Now));
        handIn.Confirm(149.5m, 3, Now);
        Assert.Equal(149.5m, handIn.ReceivedAmount);
        Assert.Throws<ConflictException>(() => handIn.Confirm(150, 3, Now));
        Assert.Equal(149.5m, handIn.ReceivedAmount);
    }

    [Theory]
    [InlineData(155.50, 150.00, 0, -5.50, CashDifference.Short)]
    [InlineData(155.50, 160.00, 0, 4.50, CashDifference.Over)]
    [InlineData(155.50, 155.50, 0, 0, CashDifference.Balanced)]
    [InlineData(155.50, 0, 1, -155.50, CashDifference.Pending)]
    [InlineData(0.10, 0.30, 0, 0.20, CashDifference.Over)]
    public void FEE2_reconciliation_flags_every_difference(decimal collected, decimal received, int unconfirmed, decimal difference,
        CashDifference status)
    {
        var day = new CashDay(7, Today, collected, 2, 0, received, received, unconfirmed);
        Assert.Equal(difference, day.Difference);
        Assert.Equal(status, day.Status);
    }

    [Fact]
    public void The_pdf_layout_breaks_pages_repeats_table_headers_and_numbers_the_pages()
    {
        using var pdf = new PdfReport("测试", "收费单 FJ-2026-000001", (page, pages) => $"第 {page} / {pages} 页");
        pdf.Title("收费单据");
        pdf.QrCode("FJ-2026-000001 99.99", 72);
        pdf.KeyValues([("客户", "王建华"), ("地址", new string('长', 120))]);
        pdf.Table([new PdfColumn("#", 1), new PdfColumn("项目", 5), new PdfColumn("金额", 2, AlignRight: true)],
            Enumerable.Range(1, 80).Select(i => (IReadOnlyList<string>)[i.ToString(), $"配件{i}", "¥1.00"]), ["", "合计", "¥80.00"]);
        pdf.Image(Png, 220, 90, "签名");
        pdf.PageBreak();
        pdf.Paragraph("最后一页");

        var bytes = pdf.ToBytes();

        var text = Features.FeesTests.PdfText(bytes);
        var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        Assert.All(pages, p => Assert.Contains("收费单 FJ-2026-000001", p));
        Assert.Contains($"第1/{pages.Count}页", Features.FeesTests.Compact(pages[0]));
        Assert.Contains($"第{pages.Count}/{pages.Count}页", Features.FeesTests.Compact(pages[^1]));
        Assert.Contains("配件80", text);
        Assert.Contains("项目", pages[1]); // the header row again on the next page
        Assert.Contains("最后一页", pages[^1]);
    }

    [Fact]
    public void The_pdf_layout_knows_which_pictures_it_can_place()
    {
        Assert.True(PdfReport.CanPlace(Png));
        Assert.False(PdfReport.CanPlace([0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5]));
    }
}
