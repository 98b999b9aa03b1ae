using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>Receipts (FEE-1, REC-3's PDF) and cash hand-ins (FEE-2) over HTTP on both databases.</summary>
public sealed class FeesTests
{
    // A 1×1 PNG: what the phone's signature canvas sends, in small.
    internal const string SignaturePng =
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private static async Task<int> WorkOrderAsync(TestApp app)
    {
        // Customer C0001 (id 1) is in region FJ and belongs to tech01.
        var store = await app.LogInAsync("fj.store");
        var created = await store.PostAsJsonAsync("/api/work-orders", new { kind = "Repair", customerId = 1, siteId = 1, description = "马桶漏水" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("id").GetInt32();
    }

    private static object Receipt(int workOrderId, string paymentMethod = "Cash", params object[] lines) =>
        new { workOrderId, paymentMethod, lines = lines.Length > 0 ? lines : [new { description = "上门维修服务费", quantity = 1, unitPrice = 100 }] };

    private static async Task<JsonElement> CreateAsync(HttpClient client, object receipt)
    {
        var response = await client.PostAsJsonAsync("/api/receipts", receipt);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> SignAsync(HttpClient client, JsonElement receipt, string name = "王建华")
    {
        var response = await client.PostAsJsonAsync($"/api/receipts/{receipt.GetProperty("id").GetInt32()}/sign",
            new { name, signature = SignaturePng, version = receipt.GetProperty("version").GetInt32() });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory, BothDatabases]
    public async Task FEE1_receipt_numbers_are_unique_and_without_gaps_when_ten_are_created_at_once(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var workOrder = await WorkOrderAsync(app);
        var clients = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.LogInAsync("tech01")));

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync("/api/receipts", Receipt(workOrder))));

        foreach (var response in responses) Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var numbers = new List<string>();
        foreach (var response in responses) numbers.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!);
        var year = TimeZoneInfo.ConvertTime(app.Factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year;
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"FJ-{year}-{i:000000}"), numbers.Order());
        // The next one continues the series.
        Assert.Equal($"FJ-{year}-000011", (await CreateAsync(clients[0], Receipt(workOrder))).GetProperty("number").GetString());
    }

    [Theory, BothDatabases]
    public async Task FEE1_line_totals_and_the_total_are_exact_decimals(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var workOrder = await WorkOrderAsync(app);

        var receipt = await CreateAsync(tech, Receipt(workOrder, "Cash",
            new { kind = "Material", description = "密封圈", quantity = 3, unitPrice = 33.33m },
            new { kind = "Material", description = "生料带", quantity = 3, unitPrice = 0.1m },
            new { kind = "Material", productId = 4, quantity = 1 }));

        var lines = receipt.GetProperty("lines");
        Assert.Equal(99.99m, lines[0].GetProperty("lineTotal").GetDecimal());
        Assert.Equal(0.30m, lines[1].GetProperty("lineTotal").GetDecimal());
        // A catalog accessory brings its name and list price.
        Assert.Equal("恒温花洒套装", lines[2].GetProperty("description").GetString());
        Assert.Equal(1680m, lines[2].GetProperty("unitPrice").GetDecimal());
        Assert.Equal(1780.29m, receipt.GetProperty("total").GetDecimal());
        var stored = await app.DbAsync(d => d.Receipts.Where(r => r.Id == receipt.GetProperty("id").GetInt32()).Select(r => r.Total).SingleAsync());
        Assert.Equal(1780.29m, stored);
    }

    [Theory, BothDatabases]
    public async Task FEE1_REC3_a_signed_receipt_cannot_change_and_is_voided_with_a_reason_never_deleted(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var receipt = await CreateAsync(tech, Receipt(await WorkOrderAsync(app)));
        var id = receipt.GetProperty("id").GetInt32();

        var unsigned = await tech.PostAsJsonAsync($"/api/receipts/{id}/sign", new { name = "王建华", signature = "", version = receipt.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Contains("Signature", await unsigned.Content.ReadAsStringAsync());

        var signed = await SignAsync(tech, receipt);
        Assert.Equal("Signed", signed.GetProperty("state").GetString());
        Assert.Equal("王建华", signed.GetProperty("signedByName").GetString());
        var version = signed.GetProperty("version").GetInt32();
        var png = await tech.GetAsync($"/api/receipts/{id}/signature");
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);

        Assert.Equal(HttpStatusCode.Conflict, (await tech.PostAsJsonAsync($"/api/receipts/{id}/lines",
            new { description = "再加一项", quantity = 1, unitPrice = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tech.DeleteAsync($"/api/receipts/{id}/lines/{signed.GetProperty("lines")[0].GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tech.PutAsJsonAsync($"/api/receipts/{id}/payment-method", new { paymentMethod = "Transfer", version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tech.PostAsJsonAsync($"/api/receipts/{id}/sign", new { name = "李四", signature = SignaturePng, version })).StatusCode);

        var noReason = await tech.PostAsJsonAsync($"/api/receipts/{id}/void", new { reason = " ", version });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var voided = await tech.PostAsJsonAsync($"/api/receipts/{id}/void", new { reason = "客户改为转账", version });
        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        var body = await voided.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Voided", body.GetProperty("state").GetString());
        Assert.Equal("客户改为转账", body.GetProperty("voidReason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await tech.PostAsJsonAsync($"/api/receipts/{id}/void",
            new { reason = "再作废", version = body.GetProperty("version").GetInt32() })).StatusCode);
        // Still on file, in the list and in the audit trail; there is no way to delete it.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await tech.DeleteAsync($"/api/receipts/{id}")).StatusCode);
        var list = await tech.GetFromJsonAsync<JsonElement>("/api/receipts?state=Voided");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.True(await app.DbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == "Receipt" && a.EntityId == id.ToString())));
    }

    [Theory, BothDatabases]
    public async Task REC3_the_receipt_pdf_is_in_chinese_with_the_number_lines_total_and_signer(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var receipt = await CreateAsync(tech, Receipt(await WorkOrderAsync(app), "Cash",
            new { kind = "Material", description = "角阀（铜）", quantity = 3, unitPrice = 33.33m }));
        await SignAsync(tech, receipt, "王建华");
        var number = receipt.GetProperty("number").GetString()!;

        var response = await tech.GetAsync($"/api/receipts/{receipt.GetProperty("id").GetInt32()}/pdf");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        var text = PdfText(pdf);
        Assert.Contains("收费单据", text);
        Assert.Contains(number, text);
        Assert.Contains("角阀（铜）", text);
        Assert.Contains("¥99.99", text);
        Assert.Contains("合计", text);
        Assert.Contains("王建华", text);
        Assert.Contains("第1/1页", Compact(text)); // pdftotext drops the spaces between CJK and digits
        // The font is embedded as a subset: small enough to send to a customer's phone.
        Assert.True(pdf.Length < 400_000, $"PDF is {pdf.Length} bytes");
    }

    internal static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    internal static string PdfText(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory, BothDatabases]
    public async Task FEE2_hand_in_and_reconciliation_flag_a_short_day_and_then_an_over_day(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var workOrder = await WorkOrderAsync(app);
        var first = await SignAsync(tech, await CreateAsync(tech, Receipt(workOrder, "Cash", new { description = "上门服务", quantity = 1, unitPrice = 100m })));
        var second = await SignAsync(tech, await CreateAsync(tech, Receipt(workOrder, "Cash", new { description = "配件", quantity = 3, unitPrice = 18.50m })));
        await SignAsync(tech, await CreateAsync(tech, Receipt(workOrder, "Transfer", new { description = "转账收费", quantity = 1, unitPrice = 500m })));
        var day = first.GetProperty("signedAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");

        var open = await tech.GetFromJsonAsync<JsonElement>("/api/cash/open-receipts");
        Assert.Equal(2, open.GetArrayLength()); // the transfer is not cash

        var handed = await tech.PostAsJsonAsync("/api/cash/hand-ins", new
        {
            day, amount = 150.00m, receiptIds = new[] { first.GetProperty("id").GetInt32(), second.GetProperty("id").GetInt32() },
        });
        Assert.True(handed.StatusCode == HttpStatusCode.Created, await handed.Content.ReadAsStringAsync());
        var handIn = await handed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(155.50m, handIn.GetProperty("billed").GetDecimal());
        var handInId = handIn.GetProperty("id").GetInt32();

        var pending = (await tech.GetFromJsonAsync<JsonElement>("/api/cash/days"))[0];
        Assert.Equal("Pending", pending.GetProperty("status").GetString());

        // The technician cannot confirm their own money; finance only reads.
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PostAsJsonAsync($"/api/cash/hand-ins/{handInId}/confirm", new { receivedAmount = 150m, version = 0 })).StatusCode);
        var finance = await app.LogInAsync("finance");
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync($"/api/cash/hand-ins/{handInId}/confirm", new { receivedAmount = 150m, version = 0 })).StatusCode);

        var supervisor = await app.LogInAsync("fj.deputy");
        var confirmed = await supervisor.PostAsJsonAsync($"/api/cash/hand-ins/{handInId}/confirm",
            new { receivedAmount = 150.00m, version = handIn.GetProperty("version").GetInt32() });
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        var short_ = (await finance.GetFromJsonAsync<JsonElement>("/api/cash/days"))[0];
        Assert.Equal(155.50m, short_.GetProperty("collected").GetDecimal());
        Assert.Equal(150.00m, short_.GetProperty("received").GetDecimal());
        Assert.Equal(-5.50m, short_.GetProperty("difference").GetDecimal());
        Assert.Equal("Short", short_.GetProperty("status").GetString());
        Assert.Equal(0, short_.GetProperty("receiptsNotHandedIn").GetInt32());

        // Append-only: a confirmed hand-in does not change and cannot be removed; a correction is a new entry.
        var confirmedVersion = (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/cash/hand-ins/{handInId}/confirm",
            new { receivedAmount = 155.50m, version = confirmedVersion })).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await supervisor.PutAsJsonAsync($"/api/cash/hand-ins/{handInId}", new { amount = 155.50m })).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await supervisor.DeleteAsync($"/api/cash/hand-ins/{handInId}")).StatusCode);
        // A receipt's money is handed in once.
        Assert.Equal(HttpStatusCode.Conflict, (await tech.PostAsJsonAsync("/api/cash/hand-ins",
            new { day, amount = 100m, receiptIds = new[] { first.GetProperty("id").GetInt32() } })).StatusCode);

        var correction = await tech.PostAsJsonAsync("/api/cash/hand-ins", new { day, amount = 10.00m, note = "补交短款" });
        Assert.Equal(HttpStatusCode.Created, correction.StatusCode);
        var correctionBody = await correction.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/cash/hand-ins/{correctionBody.GetProperty("id").GetInt32()}/confirm",
            new { receivedAmount = 10.00m, version = correctionBody.GetProperty("version").GetInt32() })).StatusCode);
        var over = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/cash/days?from={day}&to={day}"))[0];
        Assert.Equal(160.00m, over.GetProperty("received").GetDecimal());
        Assert.Equal(4.50m, over.GetProperty("difference").GetDecimal());
        Assert.Equal("Over", over.GetProperty("status").GetString());
        Assert.Equal(2, (await finance.GetFromJsonAsync<JsonElement>("/api/cash/hand-ins")).GetArrayLength());
        // A handed-in receipt cannot be voided: the money is already with the company.
        Assert.Equal(HttpStatusCode.Conflict, (await tech.PostAsJsonAsync($"/api/receipts/{first.GetProperty("id").GetInt32()}/void",
            new { reason = "错开", version = first.GetProperty("version").GetInt32() })).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task FEE2_there_is_no_way_to_record_money_advanced_for_a_customer(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var workOrder = await WorkOrderAsync(app);

        // No line kind for an advance.
        var advance = await tech.PostAsJsonAsync("/api/receipts", Receipt(workOrder, "Cash", new { kind = "Advance", description = "垫付配件款", quantity = 1, unitPrice = 200m }));
        Assert.Equal(HttpStatusCode.BadRequest, advance.StatusCode);
        // Nor a negative line (money owed to the technician) …
        var negative = await tech.PostAsJsonAsync("/api/receipts", Receipt(workOrder, "Cash", new { description = "垫付配件款", quantity = 1, unitPrice = -200m }));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("UnitPrice", await negative.Content.ReadAsStringAsync());
        var negativeQuantity = await tech.PostAsJsonAsync("/api/receipts", Receipt(workOrder, "Cash", new { description = "退款", quantity = -1, unitPrice = 200m }));
        Assert.Equal(HttpStatusCode.BadRequest, negativeQuantity.StatusCode);
        // … nor a payment method for it, nor a negative hand-in.
        Assert.Equal(HttpStatusCode.BadRequest, (await tech.PostAsJsonAsync("/api/receipts", Receipt(workOrder, "Advance"))).StatusCode);
        var day = DateOnly.FromDateTime(app.Factory.Clock.GetUtcNow().AddHours(8).DateTime).ToString("yyyy-MM-dd");
        var negativeHandIn = await tech.PostAsJsonAsync("/api/cash/hand-ins", new { day, amount = -200m, note = "垫付" });
        Assert.Equal(HttpStatusCode.BadRequest, negativeHandIn.StatusCode);
        Assert.Equal(0, await app.DbAsync(d => d.Receipts.CountAsync()));
        Assert.Equal(0, await app.DbAsync(d => d.CashHandIns.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task SEC2_receipts_and_cash_are_seen_as_work_orders_are(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var workOrder = await WorkOrderAsync(app);
        var receipt = await SignAsync(tech, await CreateAsync(tech, Receipt(workOrder)));
        var id = receipt.GetProperty("id").GetInt32();
        var day = receipt.GetProperty("signedAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.Created, (await tech.PostAsJsonAsync("/api/cash/hand-ins", new { day, amount = 100m, receiptIds = new[] { id } })).StatusCode);

        // Another technician and another region's manager do not learn it exists.
        foreach (var outsider in new[] { "tech02", "gd.manager", "tech06" })
        {
            var client = await app.LogInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/receipts/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/receipts/{id}/pdf")).StatusCode);
            Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/receipts")).GetProperty("total").GetInt32());
            Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/cash/days")).GetArrayLength());
            Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/cash/hand-ins")).GetArrayLength());
        }
        // Nor may another technician bill on a job that is not theirs.
        var tech02 = await app.LogInAsync("tech02");
        Assert.Equal(HttpStatusCode.NotFound, (await tech02.PostAsJsonAsync("/api/receipts", Receipt(workOrder))).StatusCode);
        // Nor hand in someone else's money.
        Assert.Equal(HttpStatusCode.BadRequest, (await tech02.PostAsJsonAsync("/api/cash/hand-ins",
            new { technicianId = await app.StaffIdAsync("tech01"), day, amount = 1m, note = "代交" })).StatusCode);

        // The region's manager and finance read it; finance changes nothing.
        var manager = await app.LogInAsync("fj.manager");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/receipts/{id}")).StatusCode);
        Assert.Equal(1, (await manager.GetFromJsonAsync<JsonElement>("/api/cash/days")).GetArrayLength());
        var finance = await app.LogInAsync("finance");
        Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync($"/api/receipts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync($"/api/receipts/{id}/void",
            new { reason = "x", version = receipt.GetProperty("version").GetInt32() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync("/api/receipts", Receipt(workOrder))).StatusCode);
    }
}
