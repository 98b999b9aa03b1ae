using AfterSales.Features.Stock;
using AfterSales.Infrastructure;
using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>
/// The stock pages tried as new users would (INV-1…INV-3, VIS-1, ASM-10): the storekeeper at a desk, tech01 (张伟) on a
/// 390 px phone. A tool issued, seen and taken back damaged and charged; an installation's goods checked, refused for
/// loading while a part is missing, resolved and loaded; accessories used, billed and counted back, the stock figures
/// checked by hand; one replaced part shipped back and received, another not shipped in time and charged.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StockPagesTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone390 = new() { Width = 390, Height = 844 };
    private const string Warehouse = "福建区仓库";
    private const string Tech01Stock = "张伟的随身库存";

    [Fact]
    public async Task A_tool_is_issued_seen_on_the_technicians_phone_and_taken_back_damaged_with_the_charge_on_their_statement()
    {
        // INV-1: the storekeeper issues the pressure pump to 张伟 on the tools page.
        var desk = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(desk, "fj.store");
        await desk.GotoAsync("/Stock/Tools");
        var issue = desk.Locator("form", new() { Has = desk.GetByRole(AriaRole.Button, new() { Name = "借出工具" }) });
        await issue.GetByLabel("工具").SelectOptionAsync(new SelectOptionValue { Label = "T-PRESS 打压测试泵" });
        await issue.GetByLabel("技术员").SelectOptionAsync(new SelectOptionValue { Label = "张伟" });
        await issue.GetByLabel("备注").FillAsync("安装打压用");
        await issue.GetByRole(AriaRole.Button, new() { Name = "借出工具" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".flash")).ToContainTextAsync("已登记");
        var held = ToolRow(desk, "张伟", "打压测试泵");
        await Assertions.Expect(held).ToHaveCountAsync(1);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(desk, "stock-tools-issued-fj.store-desktop");

        // The technician sees it among their tools on the phone.
        var phone = await fixture.NewPageAsync(Phone390);
        await BrowserFixture.LogInAsync(phone, "tech01");
        await phone.GotoAsync("/Stock");
        var myTools = phone.Locator("section", new() { Has = phone.GetByRole(AriaRole.Heading, new() { Name = "我的工具" }) });
        await Assertions.Expect(myTools).ToContainTextAsync("打压测试泵");
        await AssertFitsAsync(phone);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "stock-index-tools-tech01-phone");

        // Back damaged by misuse: without an amount it is refused in Chinese; with one the holder is charged (INV-1).
        await ReturnToolAsync(desk, held, "使用不当损坏", charge: null, "压力表摔坏");
        await Assertions.Expect(desk.Locator(".alert")).ToContainTextAsync("请填写损坏应赔偿的金额。");
        await ReturnToolAsync(desk, ToolRow(desk, "张伟", "打压测试泵"), "使用不当损坏", charge: "150", "压力表摔坏");
        await Assertions.Expect(desk.Locator(".flash")).ToContainTextAsync("已登记");
        await Assertions.Expect(ToolRow(desk, "张伟", "打压测试泵")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(desk, "stock-tools-returned-fj.store-desktop");
        await desk.Context.CloseAsync();

        await phone.ReloadAsync();
        await Assertions.Expect(myTools).Not.ToContainTextAsync("打压测试泵");
        await phone.GotoAsync("/Assessment");
        // The damage is a line of 张伟's statement: the amount the warehouse set, from pay (INV-1).
        var line = phone.Locator("table.statement-lines tbody tr", new() { HasText = "INV-1" });
        await Assertions.Expect(line).ToHaveCountAsync(1);
        await Assertions.Expect(line.Locator("td[data-label='金额（元）']")).ToHaveTextAsync("−150.00");
        await Assertions.Expect(line).ToContainTextAsync("工资扣款");
        await BrowserFixture.ScreenshotAsync(phone, "stock-tool-charge-statement-tech01-phone");
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task An_installations_goods_are_checked_before_loading_and_its_accessories_used_billed_and_counted_back()
    {
        var id = await InstallationAsync();

        // The storekeeper issues hoses for the job from the warehouse to 张伟's own stock (INV-2).
        var desk = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(desk, "fj.store");
        var warehouseHoses = await OnHandAsync(desk, Warehouse, "A-HOSE");
        var ownHoses = await OnHandAsync(desk, Tech01Stock, "A-HOSE");
        var ownSeals = await OnHandAsync(desk, Tech01Stock, "A-SEAL");
        await desk.GotoAsync("/Stock/Move");
        await desk.GetByLabel("类型").SelectOptionAsync(new SelectOptionValue { Label = "领用" });
        await desk.GetByLabel("物料").SelectOptionAsync(new SelectOptionValue { Label = "A-HOSE 不锈钢编织软管" });
        await desk.GetByLabel("调出位置").SelectOptionAsync(new SelectOptionValue { Label = $"{Warehouse}（仓库）" });
        await desk.GetByLabel("调入位置").SelectOptionAsync(new SelectOptionValue { Label = $"{Tech01Stock}（随身库存）" });
        await desk.GetByLabel("数量").FillAsync("4");
        await desk.GetByLabel("关联工单").FillAsync($"WO{id:000000}");
        await desk.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Assertions.Expect(desk.Locator("h1")).ToHaveTextAsync(Tech01Stock);
        await Assertions.Expect(Quantity(desk, "A-HOSE")).ToHaveTextAsync($"{ownHoses + 4} 根");

        // VIS-1: on the phone, the goods unboxed and checked; a missing part recorded.
        var phone = await fixture.NewPageAsync(Phone390);
        await BrowserFixture.LogInAsync(phone, "tech01");
        await phone.GotoAsync($"/Visits/{id}");
        await phone.Locator("#stock").GetByRole(AriaRole.Link, new() { Name = "打开" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync($"WO{id:000000} 的货品与物料");
        var goods = phone.Locator("#goods");
        await Assertions.Expect(goods.Locator("legend").First).ToContainTextAsync("智能马桶");
        await goods.GetByLabel("缺件").First.FillAsync("1");
        await goods.GetByLabel("备注").First.FillAsync("缺少安装支架");
        await AssertFitsAsync(phone);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "stock-job-goods-check-tech01-phone");
        await goods.GetByRole(AriaRole.Button, new() { Name = "保存验货结果" }).ClickAsync();
        await Assertions.Expect(goods.Locator("h2 .badge")).ToHaveTextAsync("有问题");
        await Assertions.Expect(goods.GetByRole(AriaRole.Button, new() { Name = "装车" })).ToBeDisabledAsync();
        await Assertions.Expect(goods).ToContainTextAsync("货品有缺件或破损未处理，不能装车。");
        await AssertFitsAsync(phone);
        await BrowserFixture.ScreenshotAsync(phone, "stock-job-goods-blocked-tech01-phone");

        // Ticking "goods checked" on the job's checklist is refused with the reason while the part is missing.
        await phone.GotoAsync($"/Visits/{id}");
        var goodsLine = new PageGetByRoleOptions { Name = "货物已开箱检查：无缺件、无损坏" };
        await SubmitAsync(phone, goodsLine);
        await Assertions.Expect(phone.Locator(".alert[role=alert]")).ToContainTextAsync("货品有缺件或破损未处理，不能装车。");
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, goodsLine)).ToHaveAttributeAsync("aria-pressed", "false");
        await BrowserFixture.ScreenshotAsync(phone, "stock-job-checklist-refused-tech01-phone");

        // The bracket arrives: resolved, then loaded; loading ticks the checklist line.
        await phone.GotoAsync($"/Stock/Job/{id}");
        await goods.GetByLabel("处理结果").FillAsync("仓库补发支架，已到货");
        await goods.GetByRole(AriaRole.Button, new() { Name = "已处理" }).ClickAsync();
        await Assertions.Expect(goods).ToContainTextAsync("仓库补发支架，已到货");
        await goods.GetByRole(AriaRole.Button, new() { Name = "装车" }).ClickAsync();
        await Assertions.Expect(goods.Locator("h2 .badge")).ToHaveTextAsync("已装车");
        await BrowserFixture.ScreenshotAsync(phone, "stock-job-goods-loaded-tech01-phone");
        await phone.GotoAsync($"/Visits/{id}");
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, goodsLine)).ToHaveAttributeAsync("aria-pressed", "true");

        // INV-2, FEE-1: one hose billed to the customer and one sealant from 张伟's own stock used; the rest counted back.
        await phone.GotoAsync($"/Stock/Job/{id}");
        var consume = phone.Locator("#consume");
        await consume.GetByLabel("使用 不锈钢编织软管").FillAsync("1");
        await consume.GetByLabel("向客户收费 不锈钢编织软管").CheckAsync();
        await consume.GetByLabel("使用 防霉密封胶").FillAsync("1");
        await AssertFitsAsync(phone);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "stock-job-consume-tech01-phone");
        await consume.GetByRole(AriaRole.Button, new() { Name = "登记使用" }).ClickAsync();
        var hoses = phone.Locator("#materials tbody tr", new() { HasText = "不锈钢编织软管" });
        await Assertions.Expect(hoses.Locator("td[data-label='领用']")).ToHaveTextAsync("4");
        await Assertions.Expect(hoses.Locator("td[data-label='已用']")).ToHaveTextAsync("1");
        await Assertions.Expect(hoses.Locator("td[data-label='未核销']")).ToHaveTextAsync("3 根");
        await Assertions.Expect(hoses).ToContainTextAsync("收费 1");

        await phone.GetByRole(AriaRole.Button, new() { Name = "为这些辅料开收费单" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1 .badge")).ToHaveTextAsync("草稿");
        await Assertions.Expect(phone.Locator("#main")).ToContainTextAsync("不锈钢编织软管");
        await Assertions.Expect(phone.Locator(".fee-total")).ToHaveTextAsync("¥25.00");
        await BrowserFixture.ScreenshotAsync(phone, "stock-job-billed-tech01-phone");

        await phone.GotoAsync($"/Stock/Job/{id}");
        // The hose is on that receipt now: the page says so, and there is nothing left to bill.
        await Assertions.Expect(hoses).ToContainTextAsync("已开单 1");
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "为这些辅料开收费单" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(phone, "stock-job-after-billing-tech01-phone");
        var countBack = phone.Locator("#materials form", new() { Has = phone.GetByRole(AriaRole.Button, new() { Name = "余料退库" }) });
        await countBack.GetByLabel("不锈钢编织软管").FillAsync("2");
        await AssertFitsAsync(phone);
        await BrowserFixture.ScreenshotAsync(phone, "stock-job-count-back-tech01-phone");
        await countBack.GetByRole(AriaRole.Button, new() { Name = "余料退库" }).ClickAsync();
        // Two back to the warehouse, the third recorded as used on the job.
        await Assertions.Expect(hoses.Locator("td[data-label='已用']")).ToHaveTextAsync("2");
        await Assertions.Expect(hoses.Locator("td[data-label='退回']")).ToHaveTextAsync("2");
        await Assertions.Expect(hoses.Locator("td[data-label='未核销']")).ToHaveTextAsync("0 根");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "stock-job-counted-back-tech01-phone");

        // The figures by hand: own stock +4 issued −1 used −2 back −1 written to the job; the warehouse −4 +2; sealant −1.
        await phone.GotoAsync("/Stock");
        await phone.GetByRole(AriaRole.Link, new() { Name = "库存流水" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync(Tech01Stock);
        await Assertions.Expect(Quantity(phone, "A-HOSE")).ToHaveTextAsync($"{ownHoses + 4 - 1 - 2 - 1} 根");
        await Assertions.Expect(Quantity(phone, "A-SEAL")).ToHaveTextAsync($"{ownSeals - 1} 支");
        await AssertFitsAsync(phone);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "stock-location-tech01-phone");
        await phone.Context.CloseAsync();

        Assert.Equal(warehouseHoses - 4 + 2, await OnHandAsync(desk, Warehouse, "A-HOSE"));
        await AccessibilityTests.AssertNoSeriousViolationsAsync(desk, "stock-location-warehouse-fj.store-desktop");
        await desk.Context.CloseAsync();
    }

    [Fact]
    public async Task A_replaced_part_is_shipped_back_from_the_phone_and_received_and_one_not_shipped_in_time_is_charged()
    {
        // INV-3: two old parts replaced on the job, both to be shipped back within the policy's days.
        var id = await InstallationAsync();
        var phone = await fixture.NewPageAsync(Phone390);
        await BrowserFixture.LogInAsync(phone, "tech01");
        await phone.GotoAsync($"/Stock/Job/{id}");
        var consume = phone.Locator("#consume");
        await Assertions.Expect(consume.Locator("tr", new() { HasText = "角阀" })).ToContainTextAsync("须寄回");
        await consume.GetByLabel("使用 角阀").FillAsync("1");
        await consume.GetByLabel("使用 龙头阀芯").FillAsync("1");
        await consume.GetByLabel("备注").FillAsync("更换漏水角阀和阀芯");
        await consume.GetByRole(AriaRole.Button, new() { Name = "登记使用" }).ClickAsync();
        var replaced = phone.Locator("section", new() { Has = phone.GetByRole(AriaRole.Heading, new() { Name = "更换下的旧件" }) });
        await Assertions.Expect(replaced.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(replaced.Locator("tbody tr", new() { HasText = "角阀" })).ToContainTextAsync("待寄回");
        await AssertFitsAsync(phone);
        await BrowserFixture.ScreenshotAsync(phone, "stock-job-replaced-parts-tech01-phone");

        // The valve shipped from the phone: logistics company, tracking number, day.
        await replaced.Locator("tbody tr", new() { HasText = "角阀" }).GetByRole(AriaRole.Link).ClickAsync();
        var valveUrl = phone.Url;
        await phone.GetByLabel("物流公司").FillAsync("顺丰速运");
        await phone.GetByLabel("运单号").FillAsync("SF1234567890");
        var today = await TodayAsync();
        await phone.GetByLabel("寄出日期").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await AssertFitsAsync(phone);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "stock-return-ship-tech01-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "寄回", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1 .badge").First).ToHaveTextAsync("已寄出");
        await Assertions.Expect(phone.Locator("dl.facts")).ToContainTextAsync("顺丰速运 · SF1234567890");
        await BrowserFixture.ScreenshotAsync(phone, "stock-return-shipped-tech01-phone");

        // The warehouse receives it at the desk.
        var desk = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(desk, "fj.store");
        await desk.GotoAsync("/Stock/Returns");
        await desk.GetByLabel("状态").SelectOptionAsync(new SelectOptionValue { Label = "已寄出" });
        await desk.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(desk, "stock-returns-shipped-fj.store-desktop");
        await desk.GotoAsync(new Uri(valveUrl).PathAndQuery);
        await desk.GetByLabel("验收说明").FillAsync("旧件完好");
        await desk.GetByRole(AriaRole.Button, new() { Name = "收货验收" }).ClickAsync();
        await Assertions.Expect(desk.Locator("h1 .badge").First).ToHaveTextAsync("已收货");
        await Assertions.Expect(desk.Locator("dl.facts")).ToContainTextAsync("收货完好 旧件完好");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(desk, "stock-return-received-fj.store-desktop");
        await desk.Context.CloseAsync();

        // The cartridge is never shipped. The day after its due day the overdue job (run each quarter hour, here by the
        // test) charges it: the original price from pay plus the bonus fine of the policy (ASM-10).
        var charged = await ChargeOverdueAsync(today.AddDays(8));
        Assert.Equal(1, charged.Charged);
        await phone.GotoAsync("/Stock");
        var mine = phone.Locator("section", new() { Has = phone.GetByRole(AriaRole.Heading, new() { Name = "待寄回旧件" }) });
        var cartridge = mine.Locator("tbody tr", new() { HasText = "龙头阀芯" });
        await Assertions.Expect(cartridge).ToContainTextAsync("已扣款");
        await Assertions.Expect(mine.Locator("tbody tr", new() { HasText = "角阀" })).ToHaveCountAsync(0);
        await AssertFitsAsync(phone);
        await BrowserFixture.ScreenshotAsync(phone, "stock-index-charged-tech01-phone");
        await cartridge.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(phone.Locator("h1 .badge").First).ToHaveTextAsync("已扣款");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "stock-return-charged-tech01-phone");
        await phone.Locator("dl.facts").GetByRole(AriaRole.Link, new() { NameRegex = new("^AS\\d{6}$") }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync("配件材料工具未寄回或丢失");
        var lines = phone.Locator("ul.incident-lines");
        await Assertions.Expect(lines).ToContainTextAsync("工资扣款 85.00");
        await Assertions.Expect(lines).ToContainTextAsync("考核奖金 100.00");
        await AssertFitsAsync(phone);
        await BrowserFixture.ScreenshotAsync(phone, "stock-incident-part-not-returned-tech01-phone");
        await phone.Context.CloseAsync();
    }

    private static ILocator ToolRow(IPage page, string technician, string tool) =>
        page.Locator("table.list tbody tr").Filter(new() { HasText = technician }).Filter(new() { HasText = tool });

    private static async Task ReturnToolAsync(IPage page, ILocator row, string condition, string? charge, string note)
    {
        await row.Locator("summary").ClickAsync();
        await row.GetByLabel("状态").SelectOptionAsync(new SelectOptionValue { Label = condition });
        if (charge is not null) await row.GetByLabel("赔偿金额（元）").FillAsync(charge);
        await row.GetByLabel("备注").FillAsync(note);
        await row.GetByRole(AriaRole.Button, new() { Name = "归还" }).ClickAsync();
    }

    /// <summary>The quantity cell of an item's line in a location's stock on hand.</summary>
    private static ILocator Quantity(IPage page, string code) =>
        page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "现有", Exact = true }) })
            .Locator("tbody tr", new() { HasText = code }).Locator("td[data-label='数量']");

    /// <summary>A location's stock on hand of one item, read off its page as the storekeeper opens it from the stock overview.</summary>
    private static async Task<int> OnHandAsync(IPage desk, string location, string code)
    {
        await desk.GotoAsync("/Stock");
        await desk.GetByRole(AriaRole.Link, new() { Name = location, Exact = true }).ClickAsync();
        await Assertions.Expect(desk.Locator("h1")).ToHaveTextAsync(location);
        var text = await Quantity(desk, code).InnerTextAsync();
        return int.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task AssertFitsAsync(IPage phone)
    {
        var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Phone390.Width, $"{phone.Url} is {width}px wide on a {Phone390.Width}px phone");
    }

    /// <summary>A job-page button: the offline queue sends the form with fetch and writes the answer into the page.</summary>
    private static async Task SubmitAsync(IPage page, PageGetByRoleOptions button)
    {
        await page.EvaluateAsync("() => document.body.dataset.stale = '1'");
        await page.GetByRole(AriaRole.Button, button).ClickAsync();
        await page.WaitForFunctionAsync("() => !document.body.dataset.stale");
    }

    private async Task<DateOnly> TodayAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<LocalTime>().Today;
    }

    private async Task<OverdueResult> ChargeOverdueAsync(DateOnly day)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PartReturnJob>().ChargeOverdueAsync(day);
    }

    /// <summary>An installation of a smart toilet for tech01's customer C0001, arranged through the API as the other walkthroughs do.</summary>
    private async Task<int> InstallationAsync()
    {
        var store = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(store, "fj.store");
        var created = await store.Context.APIRequest.PostAsync("/api/work-orders", new()
        {
            DataObject = new { kind = "Installation", customerId = 1, siteId = 1, description = "安装智能马桶", items = new[] { new { productId = 1, quantity = 1 } } },
        });
        Assert.Equal(201, created.Status);
        var id = (await created.JsonAsync())!.Value.GetProperty("workOrder").GetProperty("id").GetInt32();
        await store.Context.CloseAsync();
        return id;
    }
}
