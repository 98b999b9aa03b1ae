using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AfterSales.Domain.Records;
using AfterSales.Domain.WorkOrders;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>Service records (REC-1…REC-4): drafted from the visit, signed on the phone or by link, frozen, verified, handed in.</summary>
public sealed partial class RecordsTests
{
    /// <summary>A real 1×1 PNG.</summary>
    public const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    [Theory, BothDatabases]
    public async Task REC1_REC2_REC3_a_record_drafted_from_the_visit_and_signed_on_the_phone_is_frozen_at_every_door(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var job = await CompletedJobAsync(app);
        var tech = await app.LogInAsync("tech01");

        // REC-1: the draft page is prefilled from the visit: customer, site, products, measurements, tests.
        var form = await tech.GetStringAsync($"/Records/Edit/{job}");
        Assert.Contains("安装记录表", form);
        var saved = await TestApp.PostFormAsync(tech, $"/Records/Edit/{job}", new Dictionary<string, string>
        {
            ["Input.WorkDone"] = "安装智能马桶一台，讲解遥控器和喷嘴清洁",
            ["Input.ConstructionSchedule"] = "下周贴砖", ["Input.ConstructionDate"] = "2026-12-01",
            ["Input.InstallFrom"] = "2026-12-05", ["Input.InstallTo"] = "2026-12-10", ["Input.Remarks"] = "业主满意",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var record = await app.DbAsync(d => d.ServiceRecords.Include(r => r.Lines).SingleAsync(r => r.WorkOrderId == job));
        Assert.Equal($"/Records/Sign/{record.Id}", saved.Headers.Location?.OriginalString);
        Assert.Equal(RecordKind.Installation, record.Kind);
        Assert.Equal(new DateOnly(2026, 12, 5), record.InstallFrom);
        Assert.Equal([RecordLineKind.Product, RecordLineKind.Measurement, RecordLineKind.Test], record.Lines.OrderBy(l => l.Position).Select(l => l.Kind));
        Assert.Equal(305m, record.Lines.Single(l => l.Kind == RecordLineKind.Measurement).Value);
        Assert.True(record.Lines.Single(l => l.Kind == RecordLineKind.Test).Passed);
        // The customer's name is a copy: master data may change, the record does not.
        var customerName = record.CustomerName;
        await app.DbAsync(d => d.Database.ExecuteSqlRawAsync("UPDATE \"Customers\" SET \"Name\" = 'X' WHERE \"Id\" = 1"));
        Assert.Equal(customerName, (await tech.GetFromJsonAsync<JsonElement>($"/api/records/{record.Id}")).GetProperty("content").GetProperty("customerName").GetString());

        // Until it is signed, the database lets the draft change.
        Assert.Equal(1, await app.DbAsync(d => d.Database.ExecuteSqlRawAsync("UPDATE \"ServiceRecords\" SET \"Remarks\" = \"Remarks\" WHERE \"Id\" = {0}", record.Id)));

        // REC-2: a signature that is not a PNG is refused.
        var jpeg = await tech.PostAsJsonAsync($"/api/records/{record.Id}/sign",
            new { signature = Convert.ToBase64String([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46]), signerName = "王先生", signerRole = "Owner" });
        Assert.Equal(HttpStatusCode.BadRequest, jpeg.StatusCode);
        Assert.Equal("签名必须是 PNG 图片。", (await jpeg.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        // The customer signs on the technician's phone, with the survey.
        Assert.Contains("signature_pad", await tech.GetStringAsync($"/Records/Sign/{record.Id}"));
        var signed = await TestApp.PostFormAsync(tech, $"/Records/Sign/{record.Id}", new Dictionary<string, string>
        {
            ["Input.Signature"] = "data:image/png;base64," + Png, ["Input.SignerName"] = "王先生", ["Input.SignerRole"] = "Owner",
            ["Input.Score"] = "5", ["Input.Comments"] = "师傅很专业",
        });
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.Equal(WorkOrderState.Signed, await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == job).Select(w => w.State).SingleAsync()));
        var dto = await tech.GetFromJsonAsync<JsonElement>($"/api/records/{record.Id}");
        Assert.True(dto.GetProperty("signed").GetBoolean());
        Assert.Equal("Phone", dto.GetProperty("signedVia").GetString());
        Assert.Equal(5, dto.GetProperty("survey").GetProperty("score").GetInt32());
        Assert.Equal(Convert.FromBase64String(Png), await tech.GetByteArrayAsync($"/api/records/{record.Id}/signature"));

        // REC-3: refused at every door. The page: 409 with the reason, nothing changed.
        var page = await TestApp.PostFormAsync(tech, $"/Records/Details/{record.Id}", new Dictionary<string, string> { ["Input.WorkDone"] = "改过的内容" },
            $"/Records/Edit/{job}");
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("该服务记录已由客户签字，不能再修改", await page.Content.ReadAsStringAsync());
        // The API.
        var put = await tech.PutAsJsonAsync($"/api/records/{record.Id}", new { workOrderId = job, workDone = "改过的内容" });
        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.Equal("RecordSigned", (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await tech.PostAsJsonAsync("/api/records", new { workOrderId = job, workDone = "改过的内容" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tech.PostAsJsonAsync($"/api/records/{record.Id}/sign",
            new { signature = Png, signerName = "别人", signerRole = "Other" })).StatusCode);
        // The database itself.
        var id = record.Id;
        Assert.Contains("signed service record", (await Assert.ThrowsAnyAsync<Exception>(() => app.DbAsync(d => d.Database.ExecuteSqlRawAsync("UPDATE \"ServiceRecords\" SET \"WorkDone\" = 'x' WHERE \"Id\" = {0}", id)))).Message);
        Assert.Contains("signed service record", (await Assert.ThrowsAnyAsync<Exception>(() => app.DbAsync(d => d.Database.ExecuteSqlRawAsync("DELETE FROM \"ServiceRecords\" WHERE \"Id\" = {0}", id)))).Message);
        Assert.Contains("signed service record", (await Assert.ThrowsAnyAsync<Exception>(() => app.DbAsync(d => d.Database.ExecuteSqlRawAsync("UPDATE \"RecordLines\" SET \"Name\" = 'x' WHERE \"RecordId\" = {0}", id)))).Message);
        Assert.Contains("signed service record", (await Assert.ThrowsAnyAsync<Exception>(() => app.DbAsync(d => d.Database.ExecuteSqlRawAsync("DELETE FROM \"RecordLines\" WHERE \"RecordId\" = {0}", id)))).Message);
        var after = await app.DbAsync(d => d.ServiceRecords.Include(r => r.Lines).AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal("安装智能马桶一台，讲解遥控器和喷嘴清洁", after.WorkDone);
        Assert.Equal(3, after.Lines.Count);

        // Corrections are amendments; the signed content stays as it was.
        var amended = await tech.PostAsJsonAsync($"/api/records/{id}/amendments", new { text = "安装日期应为 12 月 6 日" });
        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        Assert.Equal("安装日期应为 12 月 6 日", (await amended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("amendments")[0].GetProperty("text").GetString());

        // The hash: recomputed from what is stored, it equals the one stored at signing.
        var verify = await tech.GetFromJsonAsync<JsonElement>($"/api/records/{id}/verify");
        Assert.True(verify.GetProperty("matches").GetBoolean());
        Assert.Equal(verify.GetProperty("storedHash").GetString(), verify.GetProperty("computedHash").GetString());
        Assert.Equal(after.ContentHash, after.ComputeHash());
        Assert.Equal(64, after.ContentHash!.Length);
        var anonymous = app.Anonymous();
        var check = await anonymous.GetAsync($"/v/{after.Number}/{after.ContentHash[..16]}");
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("验证通过", await check.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/v/{after.Number}/0000000000000000")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task REC2_a_signing_link_works_once_an_expired_one_not_and_the_survey_comes_later_by_its_own_link(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var job = await CompletedJobAsync(app);
        var tech = await app.LogInAsync("tech01");
        var id = await DraftAsync(tech, job);

        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsync($"/api/records/{id}/signing-link", null)).StatusCode);
        var token = await LinkTokenAsync(app, "RecordSigningLink", "/r/");
        Assert.True(Base64UrlLength(token) >= 16, "the token carries at least 128 random bits");
        Assert.False(await app.DbAsync(d => d.RecordLinks.AnyAsync(l => l.TokenHash == token)), "only the token's hash is stored");

        var customer = app.Anonymous();
        var pageHtml = await customer.GetStringAsync($"/r/{token}");
        Assert.Contains("安装智能马桶", pageHtml);
        var antiForgery = AntiForgery().Match(pageHtml).Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiForgery),
            ["Input.Signature"] = "data:image/png;base64," + Png, ["Input.SignerName"] = "李监理", ["Input.SignerRole"] = "SiteSupervisor",
        };
        var first = await customer.PostAsync($"/r/{token}", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("谢谢", await customer.GetStringAsync($"/r/{token}"));
        var record = await app.DbAsync(d => d.ServiceRecords.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(SignedVia.Link, record.SignedVia);
        Assert.Equal(SignerRole.SiteSupervisor, record.SignerRole);
        Assert.Equal(WorkOrderState.Signed, await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == job).Select(w => w.State).SingleAsync()));

        // A second use: a clear Chinese page, nothing changed.
        fields["Input.SignerName"] = "冒名者";
        var second = await customer.PostAsync($"/r/{token}", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("该链接已过期或已使用", await second.Content.ReadAsStringAsync());
        var reopened = await app.Anonymous().GetAsync($"/r/{token}");
        Assert.Equal(HttpStatusCode.Gone, reopened.StatusCode);
        Assert.Equal("李监理", await app.DbAsync(d => d.ServiceRecords.Where(r => r.Id == id).Select(r => r.SignerName).SingleAsync()));

        // The survey was not filled in at signing: it comes later through its own link, once.
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsync($"/api/records/{id}/survey-link", null)).StatusCode);
        var surveyToken = await LinkTokenAsync(app, "RecordSurveyLink", "/s/");
        var surveyor = app.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(surveyor, $"/s/{surveyToken}",
            new Dictionary<string, string> { ["Input.Score"] = "4", ["Input.Comments"] = "准时" })).StatusCode);
        var survey = await app.DbAsync(d => d.RecordSurveys.SingleAsync(s => s.RecordId == id));
        Assert.Equal((4, "准时", SignedVia.Link), (survey.Score, survey.Comments, survey.Via));
        Assert.Equal(HttpStatusCode.Gone, (await app.Anonymous().GetAsync($"/s/{surveyToken}")).StatusCode);
        // The survey is a row of its own: the signed record still verifies.
        Assert.True((await tech.GetFromJsonAsync<JsonElement>($"/api/records/{id}/verify")).GetProperty("matches").GetBoolean());

        // An expired link (policy: 72 h) is refused and changes nothing.
        var other = await CompletedJobAsync(app);
        var otherId = await DraftAsync(tech, other);
        await tech.PostAsync($"/api/records/{otherId}/signing-link", null);
        var late = await LinkTokenAsync(app, "RecordSigningLink", "/r/");
        var lateClient = app.Anonymous();
        var lateForm = AntiForgery().Match(await lateClient.GetStringAsync($"/r/{late}")).Groups[1].Value;
        app.Factory.Clock.Advance(TimeSpan.FromHours(73));
        Assert.Equal(HttpStatusCode.Gone, (await app.Anonymous().GetAsync($"/r/{late}")).StatusCode);
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(lateForm);
        var expired = await lateClient.PostAsync($"/r/{late}", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Null(await app.DbAsync(d => d.ServiceRecords.Where(r => r.Id == otherId).Select(r => r.SignedAt).SingleAsync()));
        Assert.Equal(WorkOrderState.Completed, await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == other).Select(w => w.State).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task REC4_signed_records_wait_in_the_supervisors_queue_with_their_age_until_acknowledged(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var old = await SignedAsync(app, tech);
        app.Factory.Clock.Advance(TimeSpan.FromDays(4));
        tech = await app.LogInAsync("tech01"); // a new day's log-in
        var recent = await SignedAsync(app, tech);

        var supervisor = await app.LogInAsync("supervisor");
        var queue = await supervisor.GetFromJsonAsync<JsonElement>("/api/records?unacknowledged=true");
        var items = queue.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([old, recent], items.Select(i => i.GetProperty("id").GetInt32()));
        Assert.Equal(4, items[0].GetProperty("daysSinceSigning").GetInt32());
        Assert.True(items[0].GetProperty("overdue").GetBoolean(), "over the 3-day threshold");
        Assert.False(items[1].GetProperty("overdue").GetBoolean());
        var page = await supervisor.GetStringAsync("/Records/HandIn");
        Assert.Contains("class=\"overdue\"", page);

        // Read-only and technicians may not acknowledge.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LogInAsync("finance")).PostAsJsonAsync("/api/records/acknowledge", new { ids = new[] { old } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PostAsJsonAsync("/api/records/acknowledge", new { ids = new[] { old } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.LogInAsync("supervision")).GetAsync("/Records/HandIn")).StatusCode);

        // The supervisor acknowledges on the page, then many at once through the API (those done are skipped).
        var acknowledged = await TestApp.PostFormAsync(supervisor, "/Records/HandIn",
            new Dictionary<string, string> { ["ids"] = old.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        var ack = await supervisor.PostAsJsonAsync("/api/records/acknowledge", new { ids = new[] { old, recent } });
        Assert.Equal(1, (await ack.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acknowledged").GetInt32());
        Assert.Equal(0, (await supervisor.GetFromJsonAsync<JsonElement>("/api/records?unacknowledged=true")).GetProperty("total").GetInt32());
        var by = await app.DbAsync(d => d.RecordAcknowledgements.Select(a => a.ById).Distinct().ToListAsync());
        Assert.Equal([await app.StaffIdAsync("supervisor")], by);
        Assert.Equal("陈志强", (await supervisor.GetFromJsonAsync<JsonElement>($"/api/records/{old}")).GetProperty("acknowledgement").GetProperty("by").GetString());
    }

    [Theory, BothDatabases]
    public async Task SEC2_records_follow_the_jobs_access_other_technicians_and_regions_see_nothing_read_only_roles_change_nothing(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var job = await CompletedJobAsync(app);
        var id = await DraftAsync(await app.LogInAsync("tech01"), job);

        foreach (var outsider in new[] { "tech02", "gd.manager" })
        {
            var client = await app.LogInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/records/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/records/{id}/sign", new { signature = Png, signerName = "x", signerRole = "Owner" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Records/Sign/{id}")).StatusCode);
            Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/records")).GetProperty("total").GetInt32());
        }
        var finance = await app.LogInAsync("finance");
        Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync($"/api/records/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PutAsJsonAsync($"/api/records/{id}", new { workOrderId = job, workDone = "财务改的" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync($"/api/records/{id}/sign", new { signature = Png, signerName = "x", signerRole = "Owner" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsync($"/api/records/{id}/signing-link", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.LogInAsync("fj.manager")).GetAsync($"/api/records/{id}")).StatusCode);
        Assert.Equal("安装智能马桶", await app.DbAsync(d => d.ServiceRecords.Where(r => r.Id == id).Select(r => r.WorkDone).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task REC1_a_record_waits_for_the_job_to_be_completed(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var job = await InstallationAsync(app);
        var refused = await (await app.LogInAsync("tech01")).PostAsJsonAsync("/api/records", new { workOrderId = job, workDone = "x" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("工单现场完工后才能填写服务记录。", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Theory, BothDatabases]
    public async Task REC2_the_survey_link_shown_as_a_QR_code_opens_the_survey_once_without_log_in(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var id = await SignedAsync(app, tech);

        // The page draws the code (an SVG) with the link beside it; nothing goes to the outbox.
        var outboxBefore = await app.DbAsync(d => d.Outbox.CountAsync());
        var shown = await TestApp.PostFormAsync(tech, $"/Records/Details/{id}?handler=SurveyCode", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var html = await shown.Content.ReadAsStringAsync();
        Assert.Contains("<svg", html);
        var url = System.Text.RegularExpressions.Regex.Match(html, "href=\"(http[^\"]+/s/[A-Za-z0-9_-]+)\"").Groups[1].Value;
        Assert.NotEqual("", url);
        Assert.Equal(outboxBefore, await app.DbAsync(d => d.Outbox.CountAsync()));

        // The customer's phone opens it without log-in and answers once.
        var path = new Uri(url).AbsolutePath;
        var customer = app.Anonymous();
        Assert.Contains("满意度", await customer.GetStringAsync(path));
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(customer, path,
            new Dictionary<string, string> { ["Input.Score"] = "5", ["Input.Comments"] = "扫码评价" })).StatusCode);
        var survey = await app.DbAsync(d => d.RecordSurveys.AsNoTracking().SingleAsync(s => s.RecordId == id));
        Assert.Equal((5, SignedVia.Link), (survey.Score, survey.Via));
        Assert.Equal(HttpStatusCode.Gone, (await app.Anonymous().GetAsync(path)).StatusCode);

        // Once answered, no further code is issued (API and page say why); other technicians cannot ask for one.
        var again = await tech.PostAsync($"/api/records/{id}/survey-code", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("tech02")).PostAsync($"/api/records/{id}/survey-code", null)).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task REC2_the_survey_code_API_gives_a_link_that_works(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var id = await SignedAsync(app, tech);
        var code = await (await tech.PostAsync($"/api/records/{id}/survey-code", null)).Content.ReadFromJsonAsync<JsonElement>();
        var path = new Uri(code.GetProperty("url").GetString()!).AbsolutePath;
        Assert.StartsWith("/s/", path);
        Assert.True(code.GetProperty("expiresAt").GetDateTimeOffset() > app.Factory.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_pages_behind_public_links_slow_down_a_caller_guessing_tokens()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new Dictionary<string, string> { ["RateLimits:PublicLinksPerMinute"] = "3" });
        var guesser = app.Anonymous();
        foreach (var path in new[] { "/s/guess1", "/r/guess2", "/v/R000/guess3" })
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await guesser.GetAsync(path)).StatusCode);
        var limited = await guesser.GetAsync("/s/guess4");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("请求过于频繁", await limited.Content.ReadAsStringAsync());
        // Pages with log-in are not counted against the links' limit.
        Assert.Equal(HttpStatusCode.OK, (await (await app.LogInAsync("tech01")).GetAsync("/Records")).StatusCode);
    }

    private static int Base64UrlLength(string token) => token.Length * 3 / 4;

    private static async Task<string> LinkTokenAsync(TestApp app, string topic, string path)
    {
        var body = await app.DbAsync(d => d.Outbox.Where(m => m.Topic == topic).OrderByDescending(m => m.Id).Select(m => m.Body).FirstAsync());
        var at = body.IndexOf(path, StringComparison.Ordinal);
        Assert.True(at > 0, body);
        return new string(body[(at + path.Length)..].TakeWhile(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());
    }

    [Theory, BothDatabases]
    public async Task REC3_the_PDF_prints_the_signed_record_in_Chinese_with_its_signer_and_hash(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var id = await SignedAsync(app, tech);
        var record = await tech.GetFromJsonAsync<JsonElement>($"/api/records/{id}");

        var response = await tech.GetAsync($"/api/records/{id}/pdf");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        var text = FeesTests.Compact(FeesTests.PdfText(pdf));
        Assert.Contains("安装记录表", text);
        Assert.Contains(record.GetProperty("number").GetString()!, text);
        Assert.Contains("王先生", text);
        Assert.Contains("安装智能马桶", text);
        Assert.Contains(record.GetProperty("contentHash").GetString()![..32], text);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("tech02")).GetAsync($"/api/records/{id}/pdf")).StatusCode);
    }

    private static async Task<int> DraftAsync(HttpClient tech, int job)
    {
        var drafted = await tech.PostAsJsonAsync("/api/records", new { workOrderId = job, workDone = "安装智能马桶" });
        Assert.True(drafted.StatusCode == HttpStatusCode.OK, await drafted.Content.ReadAsStringAsync());
        return (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<int> SignedAsync(TestApp app, HttpClient tech)
    {
        var id = await DraftAsync(tech, await CompletedJobAsync(app));
        var signed = await tech.PostAsJsonAsync($"/api/records/{id}/sign", new { signature = Png, signerName = "王先生", signerRole = "Owner" });
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>An installation of tech01's customer C0001, done on site: measured, commissioned, tidied, completed.</summary>
    public static async Task<int> CompletedJobAsync(TestApp app)
    {
        var id = await InstallationAsync(app);
        var tech = await app.LogInAsync("tech01");
        await TickAsync(tech, id, "PreDeparture");
        await tech.PostAsJsonAsync($"/api/work-orders/{id}/call-ahead", new { outcome = "Reached" });
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/depart", new { })).StatusCode);
        var arrived = await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-in", new { latitude = 24.48, longitude = 118.09, accuracy = 10 });
        var itemId = (await arrived.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/measurements", new { name = "墙距", value = 305, unit = "Millimetre", itemId })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/commissioning-tests",
            new { itemId, leakTestPassed = true, connectionTestPassed = true })).StatusCode);
        await TickAsync(tech, id, "Completion");
        var completed = await tech.PostAsJsonAsync($"/api/work-orders/{id}/complete", new { });
        Assert.True(completed.StatusCode == HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        return id;
    }

    private static async Task<int> InstallationAsync(TestApp app)
    {
        var store = await app.LogInAsync("fj.store");
        var created = await store.PostAsJsonAsync("/api/work-orders",
            new { kind = "Installation", customerId = 1, siteId = 1, description = "安装智能马桶", items = new[] { new { productId = 1, quantity = 1 } } });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("id").GetInt32();
        var tech = await app.LogInAsync("tech01");
        var start = app.Factory.Clock.GetUtcNow().AddHours(2);
        var contacted = await tech.PostAsJsonAsync($"/api/work-orders/{id}/contacts",
            new { outcome = "Reached", agreedStart = start, agreedEnd = start.AddHours(2), required = "Owner" });
        var version = (await contacted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/day-before-confirmation",
            new { confirmedBy = "业主", answer = "", version })).StatusCode);
        return id;
    }

    private static async Task TickAsync(HttpClient tech, int id, string phase)
    {
        var job = await tech.GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}");
        foreach (var line in job.GetProperty("checklist").EnumerateArray().Where(l => l.GetProperty("phase").GetString() == phase))
            Assert.Equal(HttpStatusCode.OK, (await tech.PutAsJsonAsync($"/api/work-orders/{id}/checklist/{line.GetProperty("id").GetInt32()}", new { done = true })).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();
}
