using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Domain.Safety;
using AfterSales.Features.Safety;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// Safety at customers' maintenance bases (SAF-1…SAF-4), through the API and the pages, on a train air-conditioning
/// repair at the demo's Fuzhou base (tech01's customer C0021): agreement at check-in, the permit's steps in order,
/// work start and power restore gated, close-out, violations as incidents, and who sees a permit.
/// </summary>
public sealed class SafetyTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46];
    private static readonly string[] Steps = DemoSafety.TrainSteps.Select(s => s.Title).ToArray();

    [Theory, BothDatabases]
    public async Task A_train_repair_at_a_base_goes_through_the_permit_in_order_and_power_comes_back_only_after_the_close_out_SAF2_SAF3(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await TrainJobEnRouteAsync(app);
        var tech = await app.LogInAsync("tech01");
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-in", new { latitude = 26.12, longitude = 119.34, accuracy = 10 })).StatusCode);

        // Checked in at the base: the permit is open with the default template's steps, nothing done.
        var permit = await tech.GetFromJsonAsync<JsonElement>($"/api/safety/jobs/{id}/permit");
        Assert.Equal("Isolating", permit.GetProperty("state").GetString());
        Assert.Equal(Steps, permit.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("title").GetString()!).ToArray());
        var stepIds = permit.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()).ToArray();

        // Out of order: refused, naming the step that comes first; the job's work is refused before isolation.
        await Refused(await tech.PostAsync($"/api/safety/jobs/{id}/permit/steps/{stepIds[1]}", Photo()), HttpStatusCode.Conflict,
            $"还不能记录“{Steps[1]}”：须先完成“{Steps[0]}”。");
        await Refused(await tech.PostAsJsonAsync($"/api/work-orders/{id}/complete", new { }), HttpStatusCode.Conflict,
            $"不能开始作业：作业许可的步骤“{Steps[0]}”尚未完成（SAF-2）。");
        await Refused(await tech.PostAsJsonAsync($"/api/work-orders/{id}/measurements", new { name = "出风温度", value = 12, unit = "Celsius" }),
            HttpStatusCode.Conflict, $"不能开始作业：作业许可的步骤“{Steps[0]}”尚未完成（SAF-2）。");
        await Refused(await tech.PostAsync($"/api/safety/jobs/{id}/permit/steps/{stepIds[0]}", new MultipartFormDataContent { { new StringContent("无照片"), "note" } }),
            HttpStatusCode.BadRequest,
            "请为该步骤拍照。");

        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.OK, (await tech.PostAsync($"/api/safety/jobs/{id}/permit/steps/{stepIds[i]}", Photo(i == 2 ? "登记号 0375" : null))).StatusCode);
        await Refused(await tech.PostAsync($"/api/safety/jobs/{id}/permit/start-work", null), HttpStatusCode.Conflict, "不能开始作业：须先确认已穿戴好劳防用品（SAF-3）。");
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsync($"/api/safety/jobs/{id}/permit/protective-equipment", null)).StatusCode);
        var started = await tech.PostAsync($"/api/safety/jobs/{id}/permit/start-work", null);
        Assert.Equal("Working", (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());

        // Power restore before the work is closed out: refused. Close-out before the job is completed: refused.
        await Refused(await tech.PostAsync($"/api/safety/jobs/{id}/permit/steps/{stepIds[6]}", Photo()), HttpStatusCode.Conflict,
            $"“{Steps[6]}”须在收工之后：请先完成工单并做“工完料尽场地清”收工确认（SAF-2）。");
        var closeOut = new { workDone = true, materialsCleared = true, siteClean = true, wasteOil = "HandedToStore", wasteOilNote = "危险品仓库 李工 5 L" };
        await Refused(await tech.PostAsJsonAsync($"/api/safety/jobs/{id}/permit/close-out", closeOut), HttpStatusCode.Conflict,
            "须先在工单页面完成工单，再做收工确认。");

        await Jobs.TickAsync(tech, id, "Completion");
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/measurements", new { name = "出风温度", value = 12, unit = "Celsius" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/complete", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/contact-details", new { })).StatusCode);
        // Leaving the base with the train still grounded: refused.
        await Refused(await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-out", new { }), HttpStatusCode.Conflict,
            $"作业许可尚未完成（下一步：“{Steps[6]}”），离开基地前须恢复完毕。");

        await Refused(await tech.PostAsJsonAsync($"/api/safety/jobs/{id}/permit/close-out", closeOut with { siteClean = false }), HttpStatusCode.BadRequest,
            "须三项都确认：工完、料尽、场地清。");
        await Refused(await tech.PostAsJsonAsync($"/api/safety/jobs/{id}/permit/close-out", closeOut with { wasteOilNote = "" }), HttpStatusCode.BadRequest,
            "请填写危险品仓库的接收人。");
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/safety/jobs/{id}/permit/close-out", closeOut)).StatusCode);
        await Refused(await tech.PostAsync($"/api/safety/jobs/{id}/permit/steps/{stepIds[7]}", Photo()), HttpStatusCode.Conflict,
            $"还不能记录“{Steps[7]}”：须先完成“{Steps[6]}”。");
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsync($"/api/safety/jobs/{id}/permit/steps/{stepIds[6]}", Photo())).StatusCode);
        var finished = await tech.PostAsync($"/api/safety/jobs/{id}/permit/steps/{stepIds[7]}", Photo());
        var done = await finished.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Finished", done.GetProperty("state").GetString());
        Assert.All(done.GetProperty("steps").EnumerateArray(), s =>
        {
            Assert.Equal("张伟", s.GetProperty("doneBy").GetString());
            Assert.True(s.GetProperty("photoId").GetInt32() > 0);
        });
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-out", new { })).StatusCode);

        // Every step's photo is kept with the job's photos, captioned with the step; the times are in the steps' order.
        var photos = await app.DbAsync(d => d.VisitPhotos.Where(p => p.WorkOrderId == id).OrderBy(p => p.Id).Select(p => p.Caption).ToListAsync());
        Assert.Equal(Steps, photos);
        var times = await app.DbAsync(d => d.PermitSteps.OrderBy(s => s.Position).Select(s => s.DoneAt!.Value).ToListAsync());
        Assert.Equal(times.Order(), times);
    }

    [Theory, BothDatabases]
    public async Task Leaving_a_base_unfinished_interrupts_the_permit_restores_the_power_and_the_next_visit_isolates_again_SAF2_SAF3(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await TrainJobEnRouteAsync(app);
        var tech = await app.LogInAsync("tech01");
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-in", new { latitude = 26.12, longitude = 119.34, accuracy = 10 })).StatusCode);
        var first = await tech.GetFromJsonAsync<JsonElement>($"/api/safety/jobs/{id}/permit");
        var stepIds = first.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()).ToArray();
        for (var i = 0; i < 6; i++) Assert.Equal(HttpStatusCode.OK, (await tech.PostAsync($"/api/safety/jobs/{id}/permit/steps/{stepIds[i]}", Photo())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsync($"/api/safety/jobs/{id}/permit/protective-equipment", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsync($"/api/safety/jobs/{id}/permit/start-work", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/contact-details", new { })).StatusCode);

        // The compressor must be ordered: leaving with the train isolated and grounded is refused.
        await Refused(await tech.PostAsJsonAsync($"/api/work-orders/{id}/leave-unfinished", new { reason = "压缩机需订货" }), HttpStatusCode.Conflict,
            "作业许可尚未结束：离开基地前，请先在作业许可页面“中断作业”，并完成恢复步骤（SAF-2）。");
        var interrupt = new { reason = "压缩机损坏，需订货后再来", materialsCleared = true, siteClean = true, wasteOil = "NoneProduced", wasteOilNote = (string?)null };
        await Refused(await tech.PostAsJsonAsync($"/api/safety/jobs/{id}/permit/interrupt", interrupt with { reason = " " }), HttpStatusCode.BadRequest, "此项为必填。");
        await Refused(await tech.PostAsJsonAsync($"/api/safety/jobs/{id}/permit/interrupt", interrupt with { siteClean = false }), HttpStatusCode.BadRequest,
            "中断作业也须料尽、场地清：请确认材料已清走、场地已清理。");
        var interrupted = await (await tech.PostAsJsonAsync($"/api/safety/jobs/{id}/permit/interrupt", interrupt)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Restoring", interrupted.GetProperty("state").GetString());
        Assert.Equal("压缩机损坏，需订货后再来", interrupted.GetProperty("interruptedReason").GetString());
        Assert.Equal(stepIds[6], interrupted.GetProperty("nextStepId").GetInt32());
        // The region's list: interrupted, restoring next, six isolation steps done and two restoring ones to do.
        var listed = (await tech.GetFromJsonAsync<JsonElement>("/api/safety/permits")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal((true, Steps[6], 6, 8), (listed.GetProperty("interrupted").GetBoolean(), listed.GetProperty("nextStep").GetString(),
            listed.GetProperty("stepsDone").GetInt32(), listed.GetProperty("stepsTotal").GetInt32()));

        // Interrupted: no more work on this permit; still not gone until the power is back.
        await Refused(await tech.PostAsJsonAsync($"/api/work-orders/{id}/measurements", new { name = "出风温度", value = 12, unit = "Celsius" }),
            HttpStatusCode.Conflict, "本次作业已中断：须在下次上门重新办理作业许可后才能继续作业（SAF-2）。");
        await Refused(await tech.PostAsJsonAsync($"/api/work-orders/{id}/leave-unfinished", new { reason = "压缩机需订货" }), HttpStatusCode.Conflict,
            $"作业许可尚未完成（下一步：“{Steps[6]}”），离开基地前须恢复完毕。");
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsync($"/api/safety/jobs/{id}/permit/steps/{stepIds[6]}", Photo())).StatusCode);
        var restored = await (await tech.PostAsync($"/api/safety/jobs/{id}/permit/steps/{stepIds[7]}", Photo())).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Finished", restored.GetProperty("state").GetString());
        var left = await tech.PostAsJsonAsync($"/api/work-orders/{id}/leave-unfinished", new { reason = "压缩机需订货" });
        Assert.True(left.StatusCode == HttpStatusCode.OK, await left.Content.ReadAsStringAsync());

        // The next visit: a new permit, every step to do again; the first one stays as it was.
        await VisitEnRouteAsync(app, tech, id);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-in", new { latitude = 26.12, longitude = 119.34, accuracy = 10 })).StatusCode);
        var second = await tech.GetFromJsonAsync<JsonElement>($"/api/safety/jobs/{id}/permit");
        Assert.NotEqual(first.GetProperty("id").GetInt32(), second.GetProperty("id").GetInt32());
        Assert.Equal("Isolating", second.GetProperty("state").GetString());
        Assert.Equal(1, second.GetProperty("earlierPermits").GetInt32());
        Assert.All(second.GetProperty("steps").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("doneAt").ValueKind));
        await Refused(await tech.PostAsJsonAsync($"/api/work-orders/{id}/measurements", new { name = "出风温度", value = 12, unit = "Celsius" }),
            HttpStatusCode.Conflict, $"不能开始作业：作业许可的步骤“{Steps[0]}”尚未完成（SAF-2）。");
        var permits = await app.DbAsync(d => d.Permits.Where(p => p.WorkOrderId == id).OrderBy(p => p.Id)
            .Select(p => new { p.InterruptedReason, Finished = p.FinishedAt != null, Done = p.Steps.Count(s => s.DoneAt != null) }).ToListAsync());
        Assert.Equal([("压缩机损坏，需订货后再来", true, 8), (null, false, 0)], permits.Select(p => (p.InterruptedReason, p.Finished, p.Done)));

        // Interrupted before anything was isolated (the vehicle company never came): nothing to restore, the permit ends at once.
        var ended = await (await tech.PostAsJsonAsync($"/api/safety/jobs/{id}/permit/interrupt", interrupt with { reason = "车辆段未安排停电" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Finished", ended.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, ended.GetProperty("nextStepId").ValueKind);
        Assert.All(ended.GetProperty("steps").EnumerateArray(), s => Assert.False(s.GetProperty("needed").GetBoolean()));
        var both = (await tech.GetFromJsonAsync<JsonElement>("/api/safety/permits?all=true")).GetProperty("items").EnumerateArray()
            .OrderBy(p => p.GetProperty("id").GetInt32()).Select(p => (p.GetProperty("state").GetString(), p.GetProperty("stepsDone").GetInt32(),
                p.GetProperty("stepsTotal").GetInt32(), p.GetProperty("nextStep").GetString()));
        Assert.Equal([("Finished", 8, 8, null), ("Finished", 0, 0, null)], both);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/contact-details", new { })).StatusCode);
        var leftAgain = await tech.PostAsJsonAsync($"/api/work-orders/{id}/leave-unfinished", new { reason = "车辆段未安排停电" });
        Assert.True(leftAgain.StatusCode == HttpStatusCode.OK, await leftAgain.Content.ReadAsStringAsync());

        // The template is withdrawn before a third visit: no permit opens, and the last visit's interruption does not
        // hold this one's work.
        await app.DbAsync(d => d.PermitTemplates.ExecuteUpdateAsync(u => u.SetProperty(t => t.IsActive, false)));
        app.Factory.Clock.Advance(TimeSpan.FromDays(2));
        var later = await app.LogInAsync("tech01");
        await VisitEnRouteAsync(app, later, id);
        Assert.Equal(HttpStatusCode.OK, (await later.PostAsJsonAsync($"/api/work-orders/{id}/check-in", new { latitude = 26.12, longitude = 119.34, accuracy = 10 })).StatusCode);
        Assert.Equal(2, await app.DbAsync(d => d.Permits.CountAsync(p => p.WorkOrderId == id)));
        var measured = await later.PostAsJsonAsync($"/api/work-orders/{id}/measurements", new { name = "出风温度", value = 12, unit = "Celsius" });
        Assert.True(measured.StatusCode == HttpStatusCode.OK, await measured.Content.ReadAsStringAsync());
    }

    [Theory, BothDatabases]
    public async Task On_the_phone_page_only_the_next_step_is_offered_a_step_out_of_order_is_refused_in_Chinese_and_others_see_no_permit(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await TrainJobEnRouteAsync(app);
        var tech = await app.LogInAsync("tech01");
        var job = await (await tech.GetAsync($"/Visits/{id}")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/Safety/Permit/{id}\"", job);
        Assert.Contains("作业许可在进入基地签到时开启", await (await tech.GetAsync($"/Safety/Permit/{id}")).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(tech, $"/Visits/{id}",
            new Dictionary<string, string> { ["latitude"] = "26.12", ["longitude"] = "119.34", ["accuracy"] = "10" }, $"/Visits/{id}?handler=CheckIn")).StatusCode);
        var stepIds = await app.DbAsync(d => d.PermitSteps.OrderBy(s => s.Position).Select(s => s.Id).ToListAsync());
        var page = await (await tech.GetAsync($"/Safety/Permit/{id}")).Content.ReadAsStringAsync();
        Assert.Contains(Steps[0], page);
        Assert.Contains($"name=\"stepId\" value=\"{stepIds[0]}\"", page);
        Assert.DoesNotContain($"name=\"stepId\" value=\"{stepIds[1]}\"", page);

        var photo = "data:image/jpeg;base64," + Convert.ToBase64String(Jpeg);
        var outOfOrder = await TestApp.PostFormAsync(tech, $"/Safety/Permit/{id}",
            new Dictionary<string, string> { ["stepId"] = stepIds[1].ToString(), ["photoData"] = photo }, $"/Safety/Permit/{id}?handler=Step");
        Assert.Equal(HttpStatusCode.OK, outOfOrder.StatusCode);
        Assert.Contains($"还不能记录“{Steps[1]}”：须先完成“{Steps[0]}”。", await outOfOrder.Content.ReadAsStringAsync());
        var early = await TestApp.PostFormAsync(tech, $"/Safety/Permit/{id}", new Dictionary<string, string>(), $"/Safety/Permit/{id}?handler=StartWork");
        Assert.Contains($"不能开始作业：作业许可的步骤“{Steps[0]}”尚未完成（SAF-2）。", await early.Content.ReadAsStringAsync());
        var first = await TestApp.PostFormAsync(tech, $"/Safety/Permit/{id}",
            new Dictionary<string, string> { ["stepId"] = stepIds[0].ToString(), ["photoData"] = photo, ["note"] = "调度 王工 同意" }, $"/Safety/Permit/{id}?handler=Step");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains($"name=\"stepId\" value=\"{stepIds[1]}\"", await (await tech.GetAsync($"/Safety/Permit/{id}")).Content.ReadAsStringAsync());

        // The region's supervisors see the open permit and where it stands; another technician or region does not.
        var manager = await app.LogInAsync("fj.manager");
        var open = await manager.GetFromJsonAsync<JsonElement>("/api/safety/permits");
        var listed = Assert.Single(open.GetProperty("items").EnumerateArray());
        Assert.Equal(id, listed.GetProperty("workOrderId").GetInt32());
        Assert.Equal(Steps[1], listed.GetProperty("nextStep").GetString());
        Assert.Contains(Steps[1], await (await manager.GetAsync("/Safety")).Content.ReadAsStringAsync());
        foreach (var other in new[] { "tech02", "gd.manager" })
        {
            var client = await app.LogInAsync(other);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/safety/jobs/{id}/permit")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Safety/Permit/{id}")).StatusCode);
            Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/safety/permits")).GetProperty("total").GetInt32());
        }
        // The manager looks but does not record the technician's steps.
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync($"/api/safety/jobs/{id}/permit/steps/{stepIds[1]}", Photo())).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task An_expired_agreement_blocks_check_in_on_the_api_and_the_page_until_a_valid_one_is_on_file_SAF1(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await TrainJobEnRouteAsync(app);
        var siteId = await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == id).Select(w => w.SiteId).SingleAsync());
        var today = DateOnly.FromDateTime(app.Factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var admin = await app.StaffIdAsync("admin");
        await app.DbAsync(async d =>
        {
            d.SafetyAgreements.RemoveRange(d.SafetyAgreements.Where(a => a.SiteId == siteId));
            d.SafetyAgreements.Add(new SafetyAgreement(siteId, "old.pdf", "application/pdf", "%PDF-1.4"u8.ToArray(), today.AddYears(-1).AddDays(-1),
                today.AddDays(-1), null, admin, app.Factory.Clock.GetUtcNow()));
            await d.SaveChangesAsync();
        });
        var expired = $"与该维修基地的安全协议已于 {today.AddDays(-1):yyyy-MM-dd} 到期：须先签订新的安全协议并存档，才能签到进场（SAF-1）。";
        var tech = await app.LogInAsync("tech01");
        await Refused(await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-in", new { }), HttpStatusCode.Conflict, expired);
        var onPage = await TestApp.PostFormAsync(tech, $"/Visits/{id}", new Dictionary<string, string>(), $"/Visits/{id}?handler=CheckIn");
        Assert.Equal(HttpStatusCode.OK, onPage.StatusCode);
        Assert.Contains(expired, await onPage.Content.ReadAsStringAsync());
        Assert.Equal("EnRoute", await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == id).Select(w => w.State.ToString()).SingleAsync()));
        Assert.Equal(0, await app.DbAsync(d => d.Permits.CountAsync()));

        // The technician cannot file an agreement; the region's manager does, and the technician checks in.
        var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent("%PDF-1.4 新协议"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }, "file", "协议2026.pdf" },
            { new StringContent(today.ToString("yyyy-MM-dd")), "signedOn" },
            { new StringContent(today.AddYears(1).ToString("yyyy-MM-dd")), "validUntil" },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PostAsync($"/api/safety/sites/{siteId}/agreements", upload)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await (await app.LogInAsync("fj.manager")).PostAsync($"/api/safety/sites/{siteId}/agreements", upload)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-in", new { })).StatusCode);
        Assert.Equal(1, await app.DbAsync(d => d.Permits.CountAsync(p => p.WorkOrderId == id)));
    }

    [Theory, BothDatabases]
    public async Task A_violation_at_a_base_is_recorded_against_the_technician_and_becomes_an_incident_with_the_policy_amount_SAF4(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var siteId = await app.DbAsync(d => d.Sites.Where(s => s.IsMaintenanceBase && s.Customer.Code == "C0021").Select(s => s.Id).SingleAsync());
        var tech01 = await app.StaffIdAsync("tech01");
        var violation = new { siteId, technicianId = tech01, at = app.Factory.Clock.GetUtcNow().AddHours(-2), description = "未走指定人行通道，跨越地沟", reportedBy = "基地安全员 陈工" };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LogInAsync("tech02")).PostAsJsonAsync("/api/safety/violations", violation)).StatusCode);
        // Another region's manager does not see the base.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("gd.manager")).PostAsJsonAsync("/api/safety/violations", violation)).StatusCode);

        var manager = await app.LogInAsync("fj.manager");
        var recorded = await manager.PostAsJsonAsync("/api/safety/violations", violation);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var incidentId = await app.DbAsync(d => d.SafetyViolations.Select(v => v.IncidentId!.Value).SingleAsync());
        var incident = await manager.GetFromJsonAsync<JsonElement>($"/api/assessment/incidents/{incidentId}");
        Assert.Equal("safety_violation", incident.GetProperty("kind").GetString());
        Assert.Equal(tech01, incident.GetProperty("personId").GetInt32());
        Assert.Contains("跨越地沟", incident.GetProperty("description").GetString());
        var line = Assert.Single(incident.GetProperty("lines").EnumerateArray());
        Assert.Equal(200m, line.GetProperty("amount").GetDecimal());
        Assert.Equal("SAF-4", line.GetProperty("rule").GetString());
        // The technician sees it among their own incidents.
        var own = await (await app.LogInAsync("tech01")).GetFromJsonAsync<JsonElement>("/api/assessment/incidents");
        Assert.Contains(own.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt32() == incidentId);
    }

    [Theory, BothDatabases]
    public async Task Templates_are_edited_by_those_who_keep_safety_and_a_new_trade_gets_its_own_permit_SAF2(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var lifts = new
        {
            name = "垂直设备维修许可", equipmentKinds = "垂直设备", isActive = true,
            steps = new object[] { new { title = "设置警戒区", phase = "BeforeWork" }, new { title = "断开主电源并挂牌上锁", phase = "BeforeWork" }, new { title = "解除挂牌上锁", phase = "AfterWork" } },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LogInAsync("tech01")).PostAsJsonAsync("/api/safety/templates", lifts)).StatusCode);
        var manager = await app.LogInAsync("fj.manager");
        var mixed = lifts with { steps = [new { title = "解除挂牌上锁", phase = "AfterWork" }, new { title = "设置警戒区", phase = "BeforeWork" }] };
        await Refused(await manager.PostAsJsonAsync("/api/safety/templates", mixed), HttpStatusCode.BadRequest, "作业后的步骤须排在所有作业前步骤之后。");
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync("/api/safety/templates", lifts)).StatusCode);

        // On the page: the default template's steps are edited one a line.
        var trainId = await app.DbAsync(d => d.PermitTemplates.Where(t => t.Name == DemoSafety.TrainTemplateName).Select(t => t.Id).SingleAsync());
        var saved = await TestApp.PostFormAsync(manager, $"/Safety/Template/{trainId}", new Dictionary<string, string>
        {
            ["Input.Name"] = DemoSafety.TrainTemplateName, ["Input.EquipmentKinds"] = "列车空调、列车冷机", ["Input.IsActive"] = "true",
            ["Input.Before"] = string.Join("\n", Steps[..6]) + "\n设置防护信号牌", ["Input.After"] = string.Join("\n", Steps[6..]),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var template = await app.DbAsync(d => d.PermitTemplates.Include(t => t.Steps).SingleAsync(t => t.Id == trainId));
        Assert.Equal(["列车空调", "列车冷机"], template.Kinds);
        Assert.Equal("设置防护信号牌", template.Steps.Single(s => s.Position == 7).Title);
        Assert.Equal(PermitPhase.AfterWork, template.Steps.Single(s => s.Position == 8).Phase);
    }

    /// <summary>tech01's train air-conditioning repair at the Fuzhou base, agreed, checked and on the way.</summary>
    private static async Task<int> TrainJobEnRouteAsync(TestApp app)
    {
        var at = await app.DbAsync(d => d.Sites.Where(s => s.IsMaintenanceBase && s.Customer.Code == "C0021")
            .Select(s => new { s.Id, s.CustomerId, Unit = d.Equipment.Where(e => e.SiteId == s.Id).Select(e => e.Id).First() }).SingleAsync());
        var store = await app.LogInAsync("fj.store");
        var created = await store.PostAsJsonAsync("/api/work-orders",
            new { kind = "Repair", customerId = at.CustomerId, siteId = at.Id, description = "列车空调不制冷", items = new[] { new { equipmentId = at.Unit, quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("id").GetInt32();
        await VisitEnRouteAsync(app, await app.LogInAsync("tech01"), id);
        return id;
    }

    /// <summary>An appointment agreed, the pre-departure checklist ticked, the customer called ahead, and tech01 on the way.</summary>
    private static async Task VisitEnRouteAsync(TestApp app, HttpClient tech, int id)
    {
        var start = app.Factory.Clock.GetUtcNow().AddHours(1);
        var version = await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == id).Select(w => w.Version).SingleAsync());
        var agreed = await tech.PostAsJsonAsync($"/api/work-orders/{id}/contacts",
            new { outcome = "Reached", agreedStart = start, agreedEnd = start.AddHours(4), required = "None", version });
        Assert.True(agreed.StatusCode == HttpStatusCode.OK, await agreed.Content.ReadAsStringAsync());
        await Jobs.TickAsync(tech, id, "PreDeparture");
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/call-ahead", new { outcome = "Reached" })).StatusCode);
        var departed = await tech.PostAsJsonAsync($"/api/work-orders/{id}/depart", new { });
        Assert.True(departed.StatusCode == HttpStatusCode.OK, await departed.Content.ReadAsStringAsync());
    }

    private static MultipartFormDataContent Photo(string? note = null)
    {
        var content = new MultipartFormDataContent { { new ByteArrayContent(Jpeg) { Headers = { ContentType = new("image/jpeg") } }, "photo", "step.jpg" } };
        if (note is not null) content.Add(new StringContent(note), "note");
        return content;
    }

    private static async Task Refused(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        var texts = new List<string> { problem.GetProperty("title").GetString() ?? "" };
        if (problem.TryGetProperty("errors", out var errors))
            texts.AddRange(errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(v => v.GetString() ?? "")));
        Assert.Contains(message, texts);
    }
}
