using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AfterSales.Domain.Audit;
using AfterSales.Domain.Customers;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// The Customers area over HTTP: who sees which customers (SEC-2), creating and editing customers, sites and site
/// contacts through the pages and the API, and the audit trail of each change (SEC-3).
/// Demo data: C0001, C0011, C0021, C0031 belong to tech01 (FJ); C0003 to tech02 (FJ); even codes are GD.
/// </summary>
public sealed class CustomersTests
{
    // ---- SEC-2: who sees what ---------------------------------------------------------------------------

    [Theory, BothDatabases]
    public async Task SEC2_technician_lists_only_their_own_customers(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech01 = await app.StaffIdAsync("tech01");
        var gd = await RegionIdAsync(app, "GD");
        var own = await app.DbAsync(d => d.Customers.Where(c => c.TechnicianId == tech01).OrderBy(c => c.Code).Select(c => c.Code).ToListAsync());
        Assert.Equal(["C0001", "C0011", "C0021", "C0031"], own);

        var client = await app.LogInAsync("tech01");
        var list = await JsonAsync(await client.GetAsync("/api/customers?pageSize=200"));
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(own.Count, list.GetProperty("total").GetInt32());
        Assert.Equal(own, items.Select(i => i.GetProperty("code").GetString()!).ToList());
        Assert.All(items, i => Assert.Equal(tech01, i.GetProperty("technicianId").GetInt32()));
        Assert.All(items, i => Assert.NotEqual(gd, i.GetProperty("regionId").GetInt32()));

        // Even asking for the other region's customers gives nothing of theirs.
        var gdList = await JsonAsync(await client.GetAsync($"/api/customers?regionId={gd}"));
        Assert.Equal(0, gdList.GetProperty("total").GetInt32());

        var page = await PageAsync(client, "/Customers");
        Assert.Contains("C0011", page);
        Assert.DoesNotContain("C0002", page);
        Assert.DoesNotContain("C0003", page);
    }

    [Theory, BothDatabases]
    public async Task SEC2_technician_gets_404_for_another_regions_or_a_colleagues_customer(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var gdCustomer = await CustomerIdAsync(app, "C0002");
        var colleagues = await CustomerIdAsync(app, "C0003");
        Assert.Equal(await app.StaffIdAsync("tech02"), await app.DbAsync(d => d.Customers.Where(c => c.Id == colleagues).Select(c => c.TechnicianId).SingleAsync()));
        var client = await app.LogInAsync("tech01");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/{gdCustomer}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/{colleagues}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Customers/Details/{colleagues}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Customers/Edit/{colleagues}")).StatusCode);
        var put = await client.PutAsJsonAsync($"/api/customers/{colleagues}", new { code = "C0003", name = "改名", phone = "13800000003", regionId = 1, technicianId = (int?)null, version = 0 });
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.NotEqual("改名", await app.DbAsync(d => d.Customers.Where(c => c.Id == colleagues).Select(c => c.Name).SingleAsync()));

        var own = await CustomerIdAsync(app, "C0001");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/customers/{own}")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task SEC2_regional_manager_sees_their_region_and_nothing_of_another(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var fj = await RegionIdAsync(app, "FJ");
        var fjCount = await app.DbAsync(d => d.Customers.CountAsync(c => c.RegionId == fj));
        Assert.Equal(20, fjCount);
        var client = await app.LogInAsync("fj.manager");

        var list = await JsonAsync(await client.GetAsync("/api/customers?pageSize=200"));
        Assert.Equal(fjCount, list.GetProperty("total").GetInt32());
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal(fj, i.GetProperty("regionId").GetInt32()));

        var gdCustomer = await CustomerIdAsync(app, "C0002");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/{gdCustomer}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Customers/Details/{gdCustomer}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Customers/Details/{await CustomerIdAsync(app, "C0003")}")).StatusCode);

        // The page pages through the same 20, 20 to a page.
        var page = await PageAsync(client, "/Customers");
        Assert.Contains("C0019", page);
        Assert.DoesNotContain("C0002<", page);
    }

    [Theory, BothDatabases]
    public async Task SEC2_supervision_and_general_manager_see_all_customers(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        foreach (var user in new[] { "supervision", "gm" })
        {
            var client = await app.LogInAsync(user);
            var list = await JsonAsync(await client.GetAsync("/api/customers?pageSize=200"));
            Assert.Equal(40, list.GetProperty("total").GetInt32());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Customers/Details/{await CustomerIdAsync(app, "C0002")}")).StatusCode);
        }
    }

    [Theory, BothDatabases]
    public async Task SEC2_finance_may_read_a_customer_but_changing_it_is_403(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CustomerIdAsync(app, "C0002");
        var client = await app.LogInAsync("finance");
        var customer = await JsonAsync(await client.GetAsync($"/api/customers/{id}"));

        var put = await client.PutAsJsonAsync($"/api/customers/{id}", Body(customer, name: "财务改的"));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        var problem = await JsonAsync(put);
        Assert.Equal("CustomerReadOnly", problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));

        var site = customer.GetProperty("sites")[0].GetProperty("id").GetInt32();
        var addSite = await client.PostAsJsonAsync($"/api/customers/{id}/sites", new { name = "仓库", city = "广州", address = "广州市某路1号" });
        Assert.Equal(HttpStatusCode.Forbidden, addSite.StatusCode);
        var addContact = await client.PostAsJsonAsync($"/api/customers/{id}/sites/{site}/contacts", new { name = "某人", phone = "13700000099", trade = "Plumber" });
        Assert.Equal(HttpStatusCode.Forbidden, addContact.StatusCode);
        var create = await client.PostAsJsonAsync("/api/customers", new { code = "F001", name = "新客户", phone = "13800009999", regionId = customer.GetProperty("regionId").GetInt32() });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        var editPage = await client.GetAsync($"/Customers/Edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, editPage.StatusCode);
        Assert.Contains("/Identity/Denied", editPage.Headers.Location?.ToString());

        Assert.NotEqual("财务改的", await app.DbAsync(d => d.Customers.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));
        Assert.False(await app.DbAsync(d => d.Customers.AnyAsync(c => c.Code == "F001")));
        var details = await PageAsync(client, $"/Customers/Details/{id}");
        Assert.Contains(customer.GetProperty("name").GetString()!, details);
        Assert.DoesNotContain($"href=\"/Customers/Edit/{id}\"", details);
    }

    // ---- creating customers -----------------------------------------------------------------------------

    [Theory, BothDatabases]
    public async Task A_manager_creates_a_customer_through_the_page_form(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var fj = await RegionIdAsync(app, "FJ");
        var tech03 = await app.StaffIdAsync("tech03");
        var client = await app.LogInAsync("fj.manager");

        var response = await TestApp.PostFormAsync(client, "/Customers/Edit", new Dictionary<string, string>
        {
            ["Input.Code"] = "c0101", ["Input.Name"] = "陈美玲", ["Input.Phone"] = "139 5000 1234", ["Input.RegionId"] = Key(fj),
            ["Input.TechnicianId"] = Key(tech03), ["Input.SoldBy"] = "万达店", ["Input.Notes"] = "新房装修", ["Input.Version"] = "0",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.DbAsync(d => d.Customers.SingleAsync(c => c.Code == "C0101"));
        Assert.Equal(("陈美玲", "13950001234", fj, tech03, "万达店"), (stored.Name, stored.Phone, stored.RegionId, stored.TechnicianId, stored.SoldBy));
        Assert.Equal($"/Customers/Details/{stored.Id}", response.Headers.Location?.OriginalString);
        var details = await PageAsync(client, $"/Customers/Details/{stored.Id}");
        Assert.Contains("陈美玲", details);
        Assert.Contains("杨帆", details); // tech03
        Assert.True(await app.DbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == "Customer" && a.EntityId == Key(stored.Id) && a.Action == AuditAction.Insert)));
    }

    [Theory, BothDatabases]
    public async Task Customers_are_created_through_the_API_and_a_technicians_new_customer_is_their_own(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var gd = await RegionIdAsync(app, "GD");
        var fj = await RegionIdAsync(app, "FJ");
        var tech07 = await app.StaffIdAsync("tech07");

        var admin = await app.LogInAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/customers", new { code = "G500", name = "何文杰", phone = "020-8888 1234", regionId = gd, technicianId = tech07, soldBy = "居然之家店" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        Assert.Equal("G500", body.GetProperty("code").GetString());
        Assert.Equal(tech07, body.GetProperty("technicianId").GetInt32());
        Assert.Equal("广东区", body.GetProperty("regionName").GetString());
        Assert.Equal($"/api/customers/{body.GetProperty("id").GetInt32()}", created.Headers.Location?.OriginalString);

        var tech01 = await app.StaffIdAsync("tech01");
        var technician = await app.LogInAsync("tech01");
        var own = await technician.PostAsJsonAsync("/api/customers", new { code = "T100", name = "罗海燕", phone = "13811112222" });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var ownBody = await JsonAsync(own);
        Assert.Equal(tech01, ownBody.GetProperty("technicianId").GetInt32());
        Assert.Equal(fj, ownBody.GetProperty("regionId").GetInt32());
    }

    [Theory, BothDatabases]
    public async Task An_invalid_phone_or_a_taken_code_is_a_400_on_its_field_and_nothing_is_stored(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var fj = await RegionIdAsync(app, "FJ");
        var client = await app.LogInAsync("fj.manager");
        var before = await app.DbAsync(d => d.Customers.CountAsync());

        var badPhone = await client.PostAsJsonAsync("/api/customers", new { code = "C0200", name = "测试", phone = "12345", regionId = fj });
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Equal("application/problem+json", badPhone.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(badPhone);
        Assert.Equal("InvalidPhoneNumber", problem.GetProperty("code").GetString());
        Assert.Contains("12345", problem.GetProperty("errors").GetProperty("Phone")[0].GetString());

        var taken = await client.PostAsJsonAsync("/api/customers", new { code = "c0002", name = "测试", phone = "13800001111", regionId = fj });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        var takenProblem = await JsonAsync(taken);
        Assert.Equal("CodeTaken", takenProblem.GetProperty("code").GetString());
        Assert.Contains("C0002", takenProblem.GetProperty("errors").GetProperty("Code")[0].GetString());

        Assert.Equal(before, await app.DbAsync(d => d.Customers.CountAsync()));
        Assert.False(await app.DbAsync(d => d.Customers.AnyAsync(c => c.Code == "C0200")));
    }

    [Theory, BothDatabases]
    public async Task The_page_shows_the_error_beside_the_field_in_Chinese_and_keeps_what_was_typed(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var fj = await RegionIdAsync(app, "FJ");
        var client = await app.LogInAsync("fj.manager");
        var fields = new Dictionary<string, string>
        {
            ["Input.Code"] = "C0300", ["Input.Name"] = "林俊杰", ["Input.Phone"] = "12345", ["Input.RegionId"] = Key(fj),
            ["Input.TechnicianId"] = "", ["Input.SoldBy"] = "红星美凯龙店", ["Input.Notes"] = "周末上门", ["Input.Version"] = "0",
        };

        var response = await TestApp.PostFormAsync(client, "/Customers/Edit", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await HtmlAsync(response);
        AssertFieldError(html, "Input.Phone", "12345 不是有效的电话号码。");
        Assert.Contains("value=\"林俊杰\"", html);
        Assert.Contains("value=\"红星美凯龙店\"", html);
        Assert.Contains("周末上门", html);

        fields["Input.Code"] = "C0001";
        fields["Input.Phone"] = "13800003000";
        var taken = await TestApp.PostFormAsync(client, "/Customers/Edit", fields);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        AssertFieldError(await HtmlAsync(taken), "Input.Code", "编码 C0001 已被使用。");
        Assert.False(await app.DbAsync(d => d.Customers.AnyAsync(c => c.Name == "林俊杰")));
    }

    // ---- editing ----------------------------------------------------------------------------------------

    [Theory, BothDatabases]
    public async Task Saving_over_someone_elses_change_is_refused_with_409_and_a_message_on_the_page(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CustomerIdAsync(app, "C0001");
        var client = await app.LogInAsync("fj.manager");
        var read = await JsonAsync(await client.GetAsync($"/api/customers/{id}"));
        var staleVersion = read.GetProperty("version").GetInt32();

        var first = await client.PutAsJsonAsync($"/api/customers/{id}", Body(read, name: "第一次修改"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(staleVersion + 1, (await JsonAsync(first)).GetProperty("version").GetInt32());

        var second = await client.PutAsJsonAsync($"/api/customers/{id}", Body(read, name: "第二次修改"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("ConcurrentEdit", (await JsonAsync(second)).GetProperty("code").GetString());
        Assert.Equal("第一次修改", await app.DbAsync(d => d.Customers.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));

        var page = await TestApp.PostFormAsync(client, $"/Customers/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Name"] = "页面修改", ["Input.Phone"] = "13800000001", ["Input.RegionId"] = Key(read.GetProperty("regionId").GetInt32()),
            ["Input.TechnicianId"] = Key(read.GetProperty("technicianId").GetInt32()), ["Input.Version"] = Key(staleVersion),
        });
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await HtmlAsync(page);
        Assert.Contains("其他人已修改了此记录", html);
        Assert.Contains("value=\"页面修改\"", html);
        Assert.Equal("第一次修改", await app.DbAsync(d => d.Customers.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task A_technician_cannot_change_region_or_technician_through_the_API_but_may_correct_details(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CustomerIdAsync(app, "C0001");
        var gd = await RegionIdAsync(app, "GD");
        var tech02 = await app.StaffIdAsync("tech02");
        var client = await app.LogInAsync("tech01");
        var read = await JsonAsync(await client.GetAsync($"/api/customers/{id}"));

        var reassign = await client.PutAsJsonAsync($"/api/customers/{id}", Body(read, technicianId: tech02));
        Assert.Equal(HttpStatusCode.Forbidden, reassign.StatusCode);
        var problem = await JsonAsync(reassign);
        Assert.Equal("CustomerTechnicianLocked", problem.GetProperty("code").GetString());
        Assert.Contains("售后经理", problem.GetProperty("errors").GetProperty("TechnicianId")[0].GetString());

        var unassign = await client.PutAsJsonAsync($"/api/customers/{id}", Body(read, technicianId: 0));
        Assert.Equal(HttpStatusCode.Forbidden, unassign.StatusCode);

        var move = await client.PutAsJsonAsync($"/api/customers/{id}", Body(read, regionId: gd));
        Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);
        Assert.Equal("CustomerRegionLocked", (await JsonAsync(move)).GetProperty("code").GetString());

        var stored = await app.DbAsync(d => d.Customers.SingleAsync(c => c.Id == id));
        Assert.Equal((await app.StaffIdAsync("tech01"), await RegionIdAsync(app, "FJ"), read.GetProperty("version").GetInt32()),
            (stored.TechnicianId, stored.RegionId, stored.Version));

        var details = await client.PutAsJsonAsync($"/api/customers/{id}", Body(read, name: "王建华（已改）", notes: "请先电话联系"));
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Equal("请先电话联系", (await JsonAsync(details)).GetProperty("notes").GetString());

        // On the page the two fields are read-only: what a tampered form sends for them is ignored.
        var page = await TestApp.PostFormAsync(client, $"/Customers/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Name"] = "王建华", ["Input.Phone"] = "13800000001", ["Input.RegionId"] = Key(gd), ["Input.TechnicianId"] = Key(tech02),
            ["Input.Version"] = Key(read.GetProperty("version").GetInt32() + 1),
        });
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        stored = await app.DbAsync(d => d.Customers.SingleAsync(c => c.Id == id));
        Assert.Equal(("王建华", await app.StaffIdAsync("tech01"), await RegionIdAsync(app, "FJ")), (stored.Name, stored.TechnicianId, stored.RegionId));
        var form = await PageAsync(client, $"/Customers/Edit/{id}");
        Assert.Contains("<strong id=\"technician-value\">张伟 (S013)</strong>", form);
        Assert.DoesNotContain("name=\"Input.TechnicianId\"", form);
    }

    [Theory, BothDatabases]
    public async Task Managers_assign_technicians_of_the_customers_region_only_and_stores_cannot(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CustomerIdAsync(app, "C0001");
        var tech02 = await app.StaffIdAsync("tech02");
        var tech06 = await app.StaffIdAsync("tech06");

        var store = await app.LogInAsync("fj.store");
        var read = await JsonAsync(await store.GetAsync($"/api/customers/{id}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await store.PutAsJsonAsync($"/api/customers/{id}", Body(read, technicianId: tech02))).StatusCode);

        var manager = await app.LogInAsync("fj.manager");
        var otherRegion = await manager.PutAsJsonAsync($"/api/customers/{id}", Body(read, technicianId: tech06));
        Assert.Equal(HttpStatusCode.BadRequest, otherRegion.StatusCode);
        Assert.True((await JsonAsync(otherRegion)).GetProperty("errors").TryGetProperty("TechnicianId", out _));
        var toGd = await manager.PutAsJsonAsync($"/api/customers/{id}", Body(read, regionId: await RegionIdAsync(app, "GD"), technicianId: tech06));
        Assert.Equal(HttpStatusCode.Forbidden, toGd.StatusCode);
        Assert.Equal("RegionNotAllowed", (await JsonAsync(toGd)).GetProperty("code").GetString());

        var assigned = await manager.PutAsJsonAsync($"/api/customers/{id}", Body(read, technicianId: tech02));
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(tech02, await app.DbAsync(d => d.Customers.Where(c => c.Id == id).Select(c => c.TechnicianId).SingleAsync()));
        var audit = await app.DbAsync(d => d.AuditEntries.Where(a => a.EntityType == "Customer" && a.EntityId == Key(id) && a.Action == AuditAction.Update).ToListAsync());
        Assert.Contains(audit, a => a.After!.Contains($"\"TechnicianId\":{tech02}") && a.Actor == "fj.manager");

        // The customer now belongs to tech02: tech01 no longer sees it.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("tech01")).GetAsync($"/api/customers/{id}")).StatusCode);
    }

    // ---- search -----------------------------------------------------------------------------------------

    [Theory, BothDatabases]
    public async Task The_list_searches_code_name_phone_city_and_address_and_filters_by_technician(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.LogInAsync("fj.manager");
        async Task<List<string>> Codes(string query) =>
            (await JsonAsync(await client.GetAsync("/api/customers?pageSize=200&" + query))).GetProperty("items").EnumerateArray()
                .Select(i => i.GetProperty("code").GetString()!).ToList();

        Assert.Equal(["C0001"], await Codes("q=" + Uri.EscapeDataString("+86 138-0000-0001")));
        Assert.Equal(["C0003"], await Codes("q=c0003"));
        var zhangzhou = await app.DbAsync(d => d.Customers.Where(c => c.RegionId == d.Regions.Single(r => r.Code == "FJ").Id && c.Sites.Any(s => s.City == "漳州"))
            .OrderBy(c => c.Code).Select(c => c.Code).ToListAsync());
        Assert.NotEmpty(zhangzhou);
        Assert.Equal(zhangzhou, await Codes("q=" + Uri.EscapeDataString("漳州")));
        Assert.Equal(["C0001"], await Codes("q=" + Uri.EscapeDataString("民主路10号")));
        var name = await app.DbAsync(d => d.Customers.Where(c => c.Code == "C0005").Select(c => c.Name).SingleAsync());
        Assert.Contains("C0005", await Codes("q=" + Uri.EscapeDataString(name)));

        var tech01 = await app.StaffIdAsync("tech01");
        Assert.Equal(["C0001", "C0011", "C0021", "C0031"], await Codes($"technicianId={tech01}"));

        var page = await PageAsync(client, $"/Customers?q={Uri.EscapeDataString("漳州")}");
        Assert.Contains(zhangzhou[0], page);
        Assert.DoesNotContain(">C0001<", page);
    }

    // ---- sites and contacts -----------------------------------------------------------------------------

    [Theory, BothDatabases]
    public async Task Sites_and_contacts_are_added_changed_and_removed_through_the_API_and_audited(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CustomerIdAsync(app, "C0001");
        var client = await app.LogInAsync("tech01");

        var half = await client.PostAsJsonAsync($"/api/customers/{id}/sites", new { name = "新房", city = "厦门", address = "厦门市湖滨南路1号", latitude = 24.48m });
        Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode);
        var halfErrors = (await JsonAsync(half)).GetProperty("errors");
        Assert.True(halfErrors.TryGetProperty("Latitude", out _) || halfErrors.TryGetProperty("Longitude", out _));
        Assert.False(await app.DbAsync(d => d.Sites.AnyAsync(s => s.Name == "新房")));

        var created = await client.PostAsJsonAsync($"/api/customers/{id}/sites", new { name = "新房", city = "厦门", address = "厦门市湖滨南路1号", latitude = 24.48m, longitude = 118.1m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var site = await JsonAsync(created);
        var siteId = site.GetProperty("id").GetInt32();
        Assert.Equal(24.48m, site.GetProperty("latitude").GetDecimal());

        var moved = await client.PutAsJsonAsync($"/api/customers/{id}/sites/{siteId}", new { name = "新房", city = "厦门", address = "厦门市湖滨南路2号", version = site.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await JsonAsync(moved)).GetProperty("latitude").ValueKind);
        var stale = await client.PutAsJsonAsync($"/api/customers/{id}/sites/{siteId}", new { name = "旧房", city = "厦门", address = "厦门市湖滨南路3号", version = site.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var contact = await client.PostAsJsonAsync($"/api/customers/{id}/sites/{siteId}/contacts", new { name = "黄师傅", phone = "137 0000 8888", trade = "Plumber" });
        Assert.Equal(HttpStatusCode.Created, contact.StatusCode);
        var contactBody = await JsonAsync(contact);
        Assert.Equal("Plumber", contactBody.GetProperty("trade").GetString());
        Assert.Equal("13700008888", contactBody.GetProperty("phone").GetString());
        var contactId = contactBody.GetProperty("id").GetInt32();

        var badPhone = await client.PutAsJsonAsync($"/api/customers/{id}/sites/{siteId}/contacts/{contactId}", new { name = "黄师傅", phone = "1", trade = "Tiler", version = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.True((await JsonAsync(badPhone)).GetProperty("errors").TryGetProperty("Phone", out _));
        var changed = await client.PutAsJsonAsync($"/api/customers/{id}/sites/{siteId}/contacts/{contactId}", new { name = "黄师傅", phone = "13700008888", trade = "Tiler", version = 0 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(Trade.Tiler, await app.DbAsync(d => d.SiteContacts.Where(c => c.Id == contactId).Select(c => c.Trade).SingleAsync()));

        var removed = await client.DeleteAsync($"/api/customers/{id}/sites/{siteId}/contacts/{contactId}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.False(await app.DbAsync(d => d.SiteContacts.AnyAsync(c => c.Id == contactId)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/customers/{id}/sites/{siteId}/contacts/{contactId}")).StatusCode);

        var trail = await app.DbAsync(d => d.AuditEntries.Where(a => a.EntityType == "Site" && a.EntityId == Key(siteId)
                || a.EntityType == "SiteContact" && a.EntityId == Key(contactId))
            .OrderBy(a => a.Sequence).Select(a => new { a.EntityType, a.Action, a.Actor }).ToListAsync());
        Assert.Equal(
            [("Site", AuditAction.Insert), ("Site", AuditAction.Update), ("SiteContact", AuditAction.Insert), ("SiteContact", AuditAction.Update), ("SiteContact", AuditAction.Delete)],
            trail.Select(a => (a.EntityType, a.Action)).ToList());
        Assert.All(trail, a => Assert.Equal("tech01", a.Actor));

        // Another technician's customer: its sites are as invisible as the customer.
        var colleagues = await CustomerIdAsync(app, "C0003");
        var colleaguesSite = await app.DbAsync(d => d.Sites.Where(s => s.CustomerId == colleagues).Select(s => s.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/customers/{colleagues}/sites/{colleaguesSite}/contacts", new { name = "某人", phone = "13700000001", trade = "Owner" })).StatusCode);
        // A site must belong to the customer named in the address.
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/customers/{id}/sites/{colleaguesSite}", new { name = "x", city = "x", address = "x", version = 0 })).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Sites_and_contacts_are_added_and_removed_through_the_pages(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CustomerIdAsync(app, "C0003");
        var client = await app.LogInAsync("fj.deputy");

        var half = await TestApp.PostFormAsync(client, $"/Customers/{id}/Sites/Edit", new Dictionary<string, string>
        {
            ["Input.Name"] = "店铺", ["Input.City"] = "福州", ["Input.Address"] = "福州市东街口8号", ["Input.Latitude"] = "26.08", ["Input.Longitude"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, half.StatusCode);
        var halfHtml = await HtmlAsync(half);
        AssertFieldError(halfHtml, "Input.Longitude", "纬度和经度须同时填写或同时留空。");
        Assert.Contains("value=\"福州市东街口8号\"", halfHtml);

        var saved = await TestApp.PostFormAsync(client, $"/Customers/{id}/Sites/Edit", new Dictionary<string, string>
        {
            ["Input.Name"] = "店铺", ["Input.City"] = "福州", ["Input.Address"] = "福州市东街口8号", ["Input.Latitude"] = "26.08", ["Input.Longitude"] = "119.3",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var siteId = await app.DbAsync(d => d.Sites.Where(s => s.CustomerId == id && s.Name == "店铺").Select(s => s.Id).SingleAsync());
        Assert.Equal(119.3m, await app.DbAsync(d => d.Sites.Where(s => s.Id == siteId).Select(s => s.Longitude).SingleAsync()));

        var contactPage = $"/Customers/{id}/Sites/{siteId}/Contacts/Edit";
        var added = await TestApp.PostFormAsync(client, contactPage, new Dictionary<string, string>
        {
            ["Input.Name"] = "罗工", ["Input.Phone"] = "13655556666", ["Input.Trade"] = "SiteSupervisor",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var contactId = await app.DbAsync(d => d.SiteContacts.Where(c => c.SiteId == siteId && c.Name == "罗工").Select(c => c.Id).SingleAsync());

        var details = await PageAsync(client, $"/Customers/Details/{id}");
        Assert.Contains("施工监理", details);
        Assert.Contains("href=\"tel:13655556666\"", details);
        var sitePage = await PageAsync(client, $"/Customers/{id}/Sites/Edit/{siteId}");
        Assert.Contains("data-confirm=\"确定删除联系人 罗工 吗？\"", sitePage);

        var removed = await TestApp.PostFormAsync(client, $"{contactPage}/{contactId}", new Dictionary<string, string>(), $"{contactPage}/{contactId}?handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.DbAsync(d => d.SiteContacts.AnyAsync(c => c.Id == contactId)));
        Assert.True(await app.DbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == "SiteContact" && a.EntityId == Key(contactId) && a.Action == AuditAction.Delete && a.Actor == "fj.deputy")));
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Task<int> CustomerIdAsync(TestApp app, string code) =>
        app.DbAsync(d => d.Customers.Where(c => c.Code == code).Select(c => c.Id).SingleAsync());

    private static Task<int> RegionIdAsync(TestApp app, string code) =>
        app.DbAsync(d => d.Regions.Where(r => r.Code == code).Select(r => r.Id).SingleAsync());

    /// <summary>A page's HTML with character references decoded (Razor writes Chinese as &amp;#x...;).</summary>
    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return await HtmlAsync(response);
    }

    /// <summary>The message is in the validation span of that field, i.e. shown beside it.</summary>
    private static void AssertFieldError(string html, string field, string message) =>
        Assert.Matches($"<span [^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>{Regex.Escape(message)}</span>", html);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    /// <summary>A PUT body from a customer as read, with some fields changed (technicianId 0 = none).</summary>
    private static object Body(JsonElement read, string? name = null, string? notes = null, int? regionId = null, int? technicianId = null) => new
    {
        code = read.GetProperty("code").GetString(),
        name = name ?? read.GetProperty("name").GetString(),
        phone = read.GetProperty("phone").GetString(),
        regionId = regionId ?? read.GetProperty("regionId").GetInt32(),
        technicianId = technicianId switch
        {
            0 => null,
            null => read.GetProperty("technicianId").ValueKind == JsonValueKind.Null ? null : read.GetProperty("technicianId").GetInt32(),
            _ => technicianId,
        },
        soldBy = read.GetProperty("soldBy").GetString(),
        notes = notes ?? read.GetProperty("notes").GetString(),
        version = read.GetProperty("version").GetInt32(),
    };
}
