using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Domain.Inventory;
using AfterSales.Domain.People;
using AfterSales.Features.Resignations;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// Resignation and handover (HR-2, HR-3, WO-4) over HTTP on both engines: the notice, the manager's approval, the exit
/// refused while the person holds anything — a job, a customer, a tool, stock, a part to ship back, cash, a trip, a
/// claim — the handover to named colleagues with each area's own verb, the record signed by everyone, and the exit.
/// </summary>
public sealed class ResignationTests
{
    internal static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    internal static DateOnly Today(TestApp app) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    internal static async Task<int> SubmitAsync(HttpClient technician, DateOnly lastDay) =>
        (await Json(await technician.PostAsJsonAsync("/api/people/resignations", new { reason = "家中有事，回老家发展", lastDay }), HttpStatusCode.Created))
            .GetProperty("id").GetInt32();

    internal static async Task<JsonElement> DetailsAsync(HttpClient client, int id) => await Json(await client.GetAsync($"/api/people/resignations/{id}"));

    internal static int Version(JsonElement details) => details.GetProperty("resignation").GetProperty("version").GetInt32();

    internal static async Task<string> NameAsync(TestApp app, string userName)
    {
        var id = await app.StaffIdAsync(userName);
        return await app.DbAsync(db => db.Staff.Where(s => s.Id == id).Select(s => s.Name).SingleAsync());
    }

    internal static async Task<HttpResponseMessage> CompleteAsync(HttpClient manager, int id) =>
        await manager.PostAsJsonAsync($"/api/people/resignations/{id}/complete", new { version = Version(await DetailsAsync(manager, id)) });

    internal static async Task SignAsync(TestApp app, string userName, int id)
    {
        var client = await app.LogInAsync(userName);
        await Json(await client.PostAsJsonAsync($"/api/people/resignations/{id}/signature",
            new { name = await NameAsync(app, userName), version = Version(await DetailsAsync(client, id)) }));
    }

    /// <summary>The whole exit for a person who holds only transferable things: submit, approve, hand all to one colleague, sign, complete.</summary>
    internal static async Task<int> ExitAsync(TestApp app, string leaver, string colleague, DateOnly lastDay)
    {
        var id = await SubmitAsync(await app.LogInAsync(leaver), lastDay);
        var manager = await app.LogInAsync("fj.manager");
        await Json(await manager.PostAsJsonAsync($"/api/people/resignations/{id}/decision", new { approve = true, version = Version(await DetailsAsync(manager, id)) }));
        var details = await DetailsAsync(manager, id);
        if (details.GetProperty("held").GetArrayLength() > 0)
            await Json(await manager.PostAsJsonAsync($"/api/people/resignations/{id}/handover",
                new { toStaffId = await app.StaffIdAsync(colleague), version = Version(details) }));
        await SignAsync(app, leaver, id);
        if ((await DetailsAsync(manager, id)).GetProperty("handover").GetArrayLength() > 0) await SignAsync(app, colleague, id);
        await SignAsync(app, "fj.manager", id);
        await Json(await CompleteAsync(manager, id));
        return id;
    }

    private static List<string> HeldKinds(JsonElement details) =>
        [.. details.GetProperty("held").EnumerateArray().Select(h => h.GetProperty("kind").GetString()!).Distinct()];

    [Theory, BothDatabases]
    public async Task HR2_a_resignation_with_less_than_the_policy_notice_is_refused_beside_the_last_day(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech03");
        var today = Today(app);
        var refused = await Json(await tech.PostAsJsonAsync("/api/people/resignations", new { reason = "另有发展", lastDay = today.AddDays(29) }),
            HttpStatusCode.BadRequest);
        var message = refused.GetProperty("errors").GetProperty("LastDay")[0].GetString()!;
        Assert.Contains("30", message);
        Assert.Contains(today.AddDays(30).ToString("yyyy-MM-dd"), message);
        Assert.Equal(0, await app.DbAsync(d => d.Resignations.CountAsync()));

        // The phone form says the same beside the field.
        var form = await TestApp.PostFormAsync(tech, "/Resignations/New", new Dictionary<string, string>
        {
            ["Input.LastDay"] = today.AddDays(10).ToString("yyyy-MM-dd"), ["Input.Reason"] = "另有发展",
        });
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("离职须至少提前 30 天书面申请", WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync()));

        Assert.Equal(0, await app.DbAsync(d => d.Outbox.CountAsync(m => m.Topic == ResignationService.TopicSubmitted)));
        var id = await SubmitAsync(tech, today.AddDays(30));
        // Approval is needed: the manager gets a text message at once.
        var (techId, managerId) = (await app.StaffIdAsync("tech03"), await app.StaffIdAsync("fj.manager"));
        var (techPerson, managerPerson) = await app.DbAsync(async d => (await d.Staff.SingleAsync(s => s.Id == techId), await d.Staff.SingleAsync(s => s.Id == managerId)));
        var toManager = Assert.Single(await app.DbAsync(d => d.Outbox.Where(m => m.Topic == ResignationService.TopicSubmitted).ToListAsync()));
        Assert.Equal(managerPerson.Phone, toManager.Phone);
        Assert.Equal($"【售后】{techPerson.Name}（{techPerson.StaffNumber}）提交了离职申请，最后工作日 {today.AddDays(30):yyyy-MM-dd}，请在系统中审批。", toManager.Body);
        // A technician sees only their own; another region's manager not at all; their own manager decides.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("tech02")).GetAsync($"/api/people/resignations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("gd.manager")).GetAsync($"/api/people/resignations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PostAsJsonAsync($"/api/people/resignations/{id}/decision", new { approve = true, version = 0 })).StatusCode);
        var manager = await app.LogInAsync("fj.manager");
        var pending = await Json(await manager.GetAsync("/api/people/resignations?state=Submitted"));
        Assert.Equal(id, Assert.Single(pending.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt32());
        var rejectWithoutNote = await manager.PostAsJsonAsync($"/api/people/resignations/{id}/decision", new { approve = false, version = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, rejectWithoutNote.StatusCode);
        var approved = await Json(await manager.PostAsJsonAsync($"/api/people/resignations/{id}/decision", new { approve = true, note = "同意", version = 0 }));
        Assert.Equal("Approved", approved.GetProperty("resignation").GetProperty("state").GetString());
        // And the leaver hears of the decision.
        var toLeaver = Assert.Single(await app.DbAsync(d => d.Outbox.Where(m => m.Topic == ResignationService.TopicDecided).ToListAsync()));
        Assert.Equal((techPerson.Phone, $"【售后】您的离职申请（最后工作日 {today.AddDays(30):yyyy-MM-dd}）已批准，请与主管约定交接。"), (toLeaver.Phone, toLeaver.Body));
        // The person's page names the resignation, its state and last day, and links to it.
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync($"/Staff/Details/{await app.StaffIdAsync("tech03")}"));
        Assert.Contains($"<a href=\"/Resignations/{id}\">已批准·交接中</a> · 最后工作日 {today.AddDays(30):yyyy-MM-dd}", page);
        // One open resignation at a time.
        Assert.Equal(HttpStatusCode.Conflict, (await tech.PostAsJsonAsync("/api/people/resignations", new { reason = "再交一份", lastDay = today.AddDays(40) })).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task HR3_the_exit_is_refused_while_each_kind_of_thing_is_held_and_completes_after_the_handover_is_signed(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech01 = await app.StaffIdAsync("tech01");
        var (tech02, tech03) = (await app.StaffIdAsync("tech02"), await app.StaffIdAsync("tech03"));
        var leaver = await app.LogInAsync("tech01");
        var manager = await app.LogInAsync("fj.manager");
        var today = Today(app);
        var now = app.Factory.Clock.GetUtcNow();

        // An open job of tech01's (the store takes it for tech01's customer: it goes to tech01, WO-4).
        var customer = await app.DbAsync(d => d.Customers.Where(c => c.TechnicianId == tech01).OrderBy(c => c.Id).Select(c => new { c.Id, SiteId = c.Sites.First().Id }).FirstAsync());
        var store = await app.LogInAsync("fj.store");
        var order = (await Json(await store.PostAsJsonAsync("/api/work-orders", new { kind = "Repair", customerId = customer.Id, siteId = customer.SiteId, description = "马桶漏水" }),
            HttpStatusCode.Created)).GetProperty("workOrder").GetProperty("id").GetInt32();
        // Cash collected on it and not handed in (FEE-2).
        var receipt = await Json(await leaver.PostAsJsonAsync("/api/receipts", new { workOrderId = order, paymentMethod = "Cash",
            lines = new[] { new { description = "上门维修服务费", quantity = 1, unitPrice = 100 } } }), HttpStatusCode.Created);
        receipt = await Json(await leaver.PostAsJsonAsync($"/api/receipts/{receipt.GetProperty("id").GetInt32()}/sign",
            new { name = "王建华", signature = FeesTests.SignaturePng, version = receipt.GetProperty("version").GetInt32() }));
        // A replaced part to ship back (INV-3).
        var part = await app.DbAsync(async d =>
        {
            var item = await d.StockItems.FirstAsync(i => i.Kind == StockItemKind.Part);
            var region = await d.Staff.Where(s => s.Id == tech01).Select(s => s.RegionId!.Value).SingleAsync();
            var back = new PartReturn(item.Id, 1, tech01, region, order, today, today.AddDays(7), null);
            d.PartReturns.Add(back);
            await d.SaveChangesAsync();
            return back.Id;
        });
        // A trip, planned (TRV-1).
        var trip = await Json(await leaver.PostAsJsonAsync("/api/trips", new
        {
            destination = "漳州", purpose = "龙文花园设备维修", plannedDepartAt = now.AddDays(-2), plannedReturnAt = now.AddDays(-1), workOrderIds = Array.Empty<int>(),
        }), HttpStatusCode.Created);
        var tripId = trip.GetProperty("id").GetInt32();

        var id = await SubmitAsync(leaver, today.AddDays(30));
        // Not approved yet: no handover, no exit.
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/people/resignations/{id}/handover", new { toStaffId = tech02, version = 0 })).StatusCode);
        await Json(await manager.PostAsJsonAsync($"/api/people/resignations/{id}/decision", new { approve = true, version = 0 }));

        var details = await DetailsAsync(manager, id);
        Assert.Equal(["WorkOrder", "Customer", "Tool", "Stock", "PartReturn", "Cash", "Trip"], HeldKinds(details));
        var refused = await CompleteAsync(manager, id);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var reason = await refused.Content.ReadAsStringAsync();
        foreach (var kind in new[] { "工单", "客户", "工具", "库存", "待寄回旧件", "未上交现金", "未结束出差" }) Assert.Contains(kind, reason);
        Assert.Contains($"WO{order:000000}", reason);
        Assert.Contains(receipt.GetProperty("number").GetString()!, reason);

        // What cannot be handed over is settled where it belongs, each in turn; the exit stays refused while any is left.
        await Json(await leaver.PostAsJsonAsync($"/api/stock/returns/{part}/ship", new { carrier = "顺丰", trackingNumber = "SF1234567890", shippedOn = today }));
        reason = await (await CompleteAsync(manager, id)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("待寄回旧件", reason);
        Assert.Contains("未上交现金", reason);

        await Json(await leaver.PostAsJsonAsync("/api/cash/hand-ins", new { day = today, amount = 100m, receiptIds = new[] { receipt.GetProperty("id").GetInt32() } }),
            HttpStatusCode.Created);
        reason = await (await CompleteAsync(manager, id)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("未上交现金", reason);
        Assert.Contains("未结束出差", reason);

        trip = await Json(await leaver.PostAsJsonAsync($"/api/trips/{tripId}/depart", new { departedAt = now.AddDays(-2), version = trip.GetProperty("version").GetInt32() }));
        trip = await Json(await leaver.PostAsJsonAsync($"/api/trips/{tripId}/close", new
        {
            departedAt = now.AddDays(-2), returnedAt = now.AddDays(-1), returnContact = "PhonedManager", returnContactAt = now.AddDays(-1).AddMinutes(10),
            version = trip.GetProperty("version").GetInt32(),
        }));
        trip = await Json(await leaver.PostAsJsonAsync($"/api/trips/{tripId}/submit", new { version = trip.GetProperty("version").GetInt32() }));
        Assert.Contains("Claim", HeldKinds(await DetailsAsync(manager, id)));
        reason = await (await CompleteAsync(manager, id)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("未结束出差", reason);
        Assert.Contains("未结算报销", reason);
        trip = await Json(await manager.PostAsJsonAsync($"/api/trips/{tripId}/approve", new { version = trip.GetProperty("version").GetInt32() }));
        await Json(await (await app.LogInAsync("finance")).PostAsJsonAsync($"/api/trips/{tripId}/approve", new { version = trip.GetProperty("version").GetInt32() }));

        details = await DetailsAsync(manager, id);
        Assert.Equal(["WorkOrder", "Customer", "Tool", "Stock"], HeldKinds(details));
        Assert.All(details.GetProperty("held").EnumerateArray(), h => Assert.True(h.GetProperty("transferable").GetBoolean()));

        // The handover: everything to tech02 by default, one customer to tech03. A colleague of another region is refused.
        var moved = await app.DbAsync(d => d.Customers.Where(c => c.TechnicianId == tech01).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        var tech06 = await app.StaffIdAsync("tech06");
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync($"/api/people/resignations/{id}/handover",
            new { toStaffId = tech06, version = Version(details) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leaver.PostAsJsonAsync($"/api/people/resignations/{id}/handover",
            new { toStaffId = tech02, version = Version(details) })).StatusCode);
        var tools = await app.DbAsync(async d =>
        {
            var bag = await d.StockLocations.SingleAsync(l => l.TechnicianId == tech01);
            return await d.StockMovements.Where(m => m.ToLocationId == bag.Id).SumAsync(m => m.Quantity)
                - await d.StockMovements.Where(m => m.FromLocationId == bag.Id).SumAsync(m => m.Quantity);
        });
        var handedOver = await Json(await manager.PostAsJsonAsync($"/api/people/resignations/{id}/handover", new
        {
            toStaffId = tech02, items = new Dictionary<string, int> { [$"Customer:{moved[0]}"] = tech03 }, version = Version(details),
        }));
        details = handedOver.GetProperty("details");
        Assert.Equal(0, details.GetProperty("held").GetArrayLength());
        Assert.Equal(handedOver.GetProperty("moved").GetInt32(), details.GetProperty("handover").GetArrayLength());

        // Each area's own record changed hands.
        Assert.Equal(tech02, await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == order).Select(w => w.TechnicianId).SingleAsync()));
        Assert.True(await app.DbAsync(d => d.TechnicianChangeRequests.AnyAsync(r => r.WorkOrderId == order && r.ToTechnicianId == tech02)));
        Assert.Equal(tech03, await app.DbAsync(d => d.Customers.Where(c => c.Id == moved[0]).Select(c => c.TechnicianId).SingleAsync()));
        Assert.All(await app.DbAsync(d => d.Customers.Where(c => moved.Skip(1).Contains(c.Id)).Select(c => c.TechnicianId).ToListAsync()), t => Assert.Equal(tech02, t));
        var received = await app.DbAsync(async d =>
        {
            var bag = await d.StockLocations.SingleAsync(l => l.TechnicianId == tech02);
            return await d.StockMovements.Where(m => m.ToLocationId == bag.Id && m.Type == MovementType.Transfer).SumAsync(m => m.Quantity);
        });
        Assert.Equal(tools, received);

        // Not signed yet: refused. A wrong name is refused beside the field; someone else cannot sign.
        Assert.Equal(HttpStatusCode.Conflict, (await CompleteAsync(manager, id)).StatusCode);
        var wrong = await Json(await leaver.PostAsJsonAsync($"/api/people/resignations/{id}/signature", new { name = "别人", version = Version(details) }),
            HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("Name", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("tech04")).PostAsJsonAsync($"/api/people/resignations/{id}/signature",
            new { name = await NameAsync(app, "tech04"), version = Version(details) })).StatusCode);
        await SignAsync(app, "tech01", id);
        await SignAsync(app, "tech02", id);
        Assert.Equal(HttpStatusCode.Conflict, (await CompleteAsync(manager, id)).StatusCode); // tech03 and the manager still to sign
        await SignAsync(app, "tech03", id);
        await SignAsync(app, "fj.manager", id);
        Assert.True((await DetailsAsync(manager, id)).GetProperty("isSigned").GetBoolean());

        var done = await Json(await CompleteAsync(manager, id));
        Assert.Equal("Completed", done.GetProperty("state").GetString());
        Assert.False(await app.DbAsync(d => d.Staff.Where(s => s.Id == tech01).Select(s => s.IsActive).SingleAsync()));
        // The log-in is closed and the open session ended.
        var login = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "tech01", password = AfterSales.Features.Demo.DemoCompany.Password });
        Assert.Equal("LoginInactive", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaver.GetAsync("/api/auth/me")).StatusCode);
        // The deposit is settled by HR-2 (tech01 joined in 2024: more than a year).
        var settled = await app.DbAsync(d => d.DepositEntries.Where(e => e.StaffId == tech01).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal([DepositEntryKind.Held, DepositEntryKind.Refunded], settled);
        // The record is audited.
        Assert.True(await app.DbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == "Resignation" && a.EntityId == id.ToString())));
        Assert.True(await app.DbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == "HandoverItem")));
    }

    [Theory, BothDatabases]
    public async Task WO4_a_customer_handed_over_keeps_one_technician_and_their_next_job_goes_to_the_colleague(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech05 = await app.StaffIdAsync("tech05");
        var tech04 = await app.StaffIdAsync("tech04");
        var customer = await app.DbAsync(d => d.Customers.Where(c => c.TechnicianId == tech05).OrderBy(c => c.Id).Select(c => new { c.Id, SiteId = c.Sites.First().Id }).FirstAsync());

        await ExitAsync(app, "tech05", "tech04", Today(app).AddDays(31));

        Assert.Equal(tech04, await app.DbAsync(d => d.Customers.Where(c => c.Id == customer.Id).Select(c => c.TechnicianId).SingleAsync()));
        var store = await app.LogInAsync("fj.store");
        var created = await Json(await store.PostAsJsonAsync("/api/work-orders", new { kind = "Repair", customerId = customer.Id, siteId = customer.SiteId, description = "花洒漏水" }),
            HttpStatusCode.Created);
        var next = created.GetProperty("workOrder").GetProperty("id").GetInt32();
        Assert.Equal(tech04, await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == next).Select(w => w.TechnicianId).SingleAsync()));
        // Naming the leaver instead is refused: the customer has one technician.
        var other = await store.PostAsJsonAsync("/api/work-orders", new { kind = "Repair", customerId = customer.Id, siteId = customer.SiteId, description = "再修", technicianId = tech05 });
        Assert.NotEqual(HttpStatusCode.Created, other.StatusCode);
    }
}
