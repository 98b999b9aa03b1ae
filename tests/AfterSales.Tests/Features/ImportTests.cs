using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AfterSales.Domain.Customers;
using AfterSales.Domain.People;
using AfterSales.Features.Import;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static AfterSales.Tests.Domain.ImportParsingTests;

namespace AfterSales.Tests.Features;

/// <summary>Importing staff, customers and products from files, over the API, the page and the command line.</summary>
public sealed partial class ImportTests
{
    private static readonly object?[] StaffHeader = ["工号", "姓名", "手机", "角色", "区域", "上级工号", "技能等级", "入职日期"];

    [Theory, BothDatabases]
    public async Task A_valid_staff_xlsx_imports_every_row_with_region_and_manager(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var file = Xlsx(
            [.. StaffHeader, "月工资"],
            // A new manager, a technician reporting to him (a later row may name an earlier one and vice versa) and one
            // reporting to the demo company's FJ manager S007. Numbers and dates as Excel stores them.
            ["s960", "钱七", "139 2000 0002", "售后人员", "GD", "S950", 3d, new DateTime(2026, 2, 1), "¥6,500.50"],
            ["S950", "孙八", 13920000001d, "售后经理", "广东区", null, null, "2026/1/15", 12000d],
            ["S961", "周九", "+86 139-2000-0003", "Technician", "fj", "S007", "2", "2026年3月1日", null]);

        var response = await UploadAsync(admin, "staff", file, "staff.xlsx");
        var report = await ReportAsync(response, HttpStatusCode.OK);
        Assert.Equal((3, 3, 3), (report.RowsRead, report.RowsValid, report.Imported));
        Assert.Empty(report.Problems);

        var staff = await app.DbAsync(d => d.Staff.AsNoTracking().Where(s => s.StaffNumber.StartsWith("S9")).ToDictionaryAsync(s => s.StaffNumber));
        var regions = await app.DbAsync(d => d.Regions.ToDictionaryAsync(r => r.Code, r => r.Id));
        var fjManager = await app.StaffIdAsync("fj.manager");
        Assert.Equal((StaffRole.RegionalManager, regions["GD"], (int?)null, "13920000001"),
            (staff["S950"].Role, staff["S950"].RegionId!.Value, staff["S950"].ManagerId, staff["S950"].Phone));
        Assert.Equal((StaffRole.Technician, regions["GD"], staff["S950"].Id, 3, new DateOnly(2026, 2, 1), "13920000002"),
            (staff["S960"].Role, staff["S960"].RegionId!.Value, staff["S960"].ManagerId!.Value, staff["S960"].SkillLevel, staff["S960"].HireDate, staff["S960"].Phone));
        Assert.Equal((regions["FJ"], fjManager, 2, new DateOnly(2026, 3, 1)),
            (staff["S961"].RegionId!.Value, staff["S961"].ManagerId!.Value, staff["S961"].SkillLevel, staff["S961"].HireDate));
        // HR-2: a month's salary is held as the deposit of whoever has a salary in the file.
        Assert.Equal((6500.50m, 12000m, 0m), (staff["S960"].MonthlySalary, staff["S950"].MonthlySalary, staff["S961"].MonthlySalary));
        var deposits = await app.DbAsync(d => d.Staff.AsNoTracking().Include(s => s.Deposits).Where(s => s.StaffNumber.StartsWith("S9")).ToListAsync());
        Assert.Equal(["S950:12000", "S960:6500.5"], deposits.SelectMany(s => s.Deposits.Select(e => $"{s.StaffNumber}:{e.Amount:0.##}")).Order());
        // The audit trail names who imported (SEC-3).
        var managerId = staff["S950"].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await app.DbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == "Staff" && a.EntityId == managerId && a.Actor == "admin")));
    }

    [Theory, BothDatabases]
    public async Task A_valid_staff_csv_with_english_headers_imports(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var csv = "StaffNumber,Name,Phone,Role,Region,ManagerNumber,SkillLevel,HireDate\n" +
                  "S970,Wang Wu,13920000010,Technician,FJ,S007,1,2026-03-01\n" +
                  "S971,赵六,13920000011,Finance,,,,2026-03-02\n";
        var report = await ReportAsync(await UploadAsync(admin, "staff", Encoding.UTF8.GetBytes(csv), "staff.csv"), HttpStatusCode.OK);
        Assert.Equal(2, report.Imported);
        var finance = await app.DbAsync(d => d.Staff.SingleAsync(s => s.StaffNumber == "S971"));
        Assert.Equal((StaffRole.Finance, (int?)null, "赵六"), (finance.Role, finance.RegionId, finance.Name));
    }

    [Theory, BothDatabases]
    public async Task A_file_with_bad_rows_imports_nothing_and_names_row_column_and_reason_in_chinese(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var file = FiveStaffWithTwoBad();
        var before = await app.DbAsync(d => d.Staff.CountAsync());

        var response = await UploadAsync(admin, "staff", file, "staff.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ImportRejected", problem.GetProperty("code").GetString());
        Assert.Contains("未导入任何数据", problem.GetProperty("title").GetString());
        Assert.Equal((5, 3, 0), (problem.GetProperty("rowsRead").GetInt32(), problem.GetProperty("rowsValid").GetInt32(), problem.GetProperty("imported").GetInt32()));
        var problems = problem.GetProperty("problems").Deserialize<List<ImportProblem>>(JsonSerializerOptions.Web)!;
        Assert.Equal(2, problems.Count);
        Assert.Equal((4, "手机", "12345", "InvalidPhoneNumber"), (problems[0].Row, problems[0].Column, problems[0].Value, problems[0].Code));
        Assert.Equal("12345 不是有效的电话号码。", problems[0].Message);
        Assert.Equal((6, "区域", "XX", "RegionNotFound"), (problems[1].Row, problems[1].Column, problems[1].Value, problems[1].Code));
        Assert.Equal("没有编码或名称为“XX”的区域。", problems[1].Message);
        Assert.Equal(before, await app.DbAsync(d => d.Staff.CountAsync()));

        // The same file with "valid rows only": the three good rows are imported, the two bad ones reported.
        var partly = await ReportAsync(await UploadAsync(admin, "staff", file, "staff.xlsx", "valid-only"), HttpStatusCode.OK);
        Assert.Equal((5, 3, 3), (partly.RowsRead, partly.RowsValid, partly.Imported));
        Assert.Equal([4, 6], partly.Problems.Select(p => p.Row));
        Assert.Equal(before + 3, await app.DbAsync(d => d.Staff.CountAsync()));
        Assert.Equal(["S980", "S982", "S984"], await app.DbAsync(d => d.Staff.Where(s => s.StaffNumber.StartsWith("S98")).OrderBy(s => s.StaffNumber).Select(s => s.StaffNumber).ToListAsync()));
    }

    [Theory, BothDatabases]
    public async Task English_users_read_the_problems_in_english(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var response = await UploadAsync(admin, "staff", FiveStaffWithTwoBad(), "staff.xlsx", "all&culture=en");
        var problems = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").Deserialize<List<ImportProblem>>(JsonSerializerOptions.Web)!;
        Assert.Equal("12345 is not a valid phone number.", problems[0].Message);
    }

    [Theory, BothDatabases]
    public async Task Duplicates_within_the_file_and_against_the_database_are_reported(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var staff = Xlsx(
            StaffHeader,
            ["S990", "甲", "13920000030", "售后人员", "FJ", null, null, "2026-03-01"],
            ["s990", "乙", "13920000031", "售后人员", "FJ", null, null, "2026-03-01"],
            ["S991", "丙", "139 2000 0030", "售后人员", "FJ", null, null, "2026-03-01"],
            ["S001", "丁", "13900000000", "售后人员", "FJ", null, null, "2026-03-01"]);
        var report = await ReportAsync(await UploadAsync(admin, "staff", staff, "staff.xlsx", "valid-only"), HttpStatusCode.OK);
        Assert.Equal(1, report.Imported);
        Assert.Equal(
            [(3, "工号", "DuplicateInFile"), (4, "手机", "DuplicateInFile"), (5, "工号", "StaffNumberTaken"), (5, "手机", "PhoneTaken")],
            report.Problems.Select(p => (p.Row, p.Column, p.Code)));
        Assert.Equal("S990 与本文件第 2 行重复。", report.Problems[0].Message);

        // An existing customer code is a duplicate, never a silent update; so is a product code.
        var customers = Encoding.UTF8.GetBytes("客户编码,客户名称,电话,区域\nC0001,新名字,13800000001,FJ\nC9100,新客户,13800000002,FJ\nc9100,重复,13800000003,FJ\n");
        var rejected = await UploadAsync(admin, "customers", customers, "c.csv");
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        var customerProblems = (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").Deserialize<List<ImportProblem>>(JsonSerializerOptions.Web)!;
        Assert.Equal([(2, "CodeTaken"), (4, "DuplicateInFile")], customerProblems.Select(p => (p.Row, p.Code)));
        Assert.NotEqual("新名字", await app.DbAsync(d => d.Customers.Where(c => c.Code == "C0001").Select(c => c.Name).SingleAsync()));

        var products = Encoding.UTF8.GetBytes("产品编码,产品名称,类别\nJY-200,重复,设备\n");
        var productProblem = (await (await UploadAsync(admin, "products", products, "p.csv")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems")[0];
        Assert.Equal("编码 JY-200 已被使用。", productProblem.GetProperty("message").GetString());
    }

    [Theory, BothDatabases]
    public async Task A_manager_must_be_employed_or_imported_from_the_same_file(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var file = Xlsx(
            StaffHeader,
            ["S940", "经理", "13920000060", "售后经理", "FJ", null, null, "2026-03-01"],
            ["S941", "技师甲", "13920000061", "售后人员", "FJ", "S940", null, "2026-03-01"],
            ["S942", "新经理", "1234", "售后经理", "FJ", null, null, "2026-03-01"],
            ["S943", "技师乙", "13920000063", "售后人员", "FJ", "S942", null, "2026-03-01"],
            ["S944", "技师丙", "13920000064", "售后人员", "FJ", "S943", null, "2026-03-01"],
            ["S945", "技师丁", "13920000065", "售后人员", "FJ", "S404", null, "2026-03-01"],
            ["S946", "技师戊", "13920000066", "售后人员", "FJ", "S946", null, "2026-03-01"]);
        var report = await ReportAsync(await UploadAsync(admin, "staff", file, "staff.xlsx", "valid-only"), HttpStatusCode.OK);
        Assert.Equal(2, report.Imported);
        // A manager row with a problem takes its people with it, however far down the chain.
        Assert.Equal(
            [(4, "手机", "InvalidPhoneNumber"), (5, "上级工号", "ImportManagerRowInvalid"), (6, "上级工号", "ImportManagerRowInvalid"),
             (7, "上级工号", "StaffNumberNotFound"), (8, "上级工号", "CannotManageSelf")],
            report.Problems.Select(p => (p.Row, p.Column, p.Code)));
        Assert.Equal("上级 S942（本文件第 4 行）有问题，本行也无法导入。", report.Problems[1].Message);
        var manager = await app.DbAsync(d => d.Staff.SingleAsync(s => s.StaffNumber == "S940"));
        Assert.Equal(manager.Id, await app.DbAsync(d => d.Staff.Where(s => s.StaffNumber == "S941").Select(s => s.ManagerId).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task A_gb18030_csv_with_chinese_headers_imports_correctly(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var text = "客户编码,客户名称,电话,区域,负责技师工号,导购/店面,现场名称,城市,地址,联系人,联系人电话,工种\r\n" +
                   "C9200,欧阳娜娜,0592-5123456,福建区,S013,红星美凯龙店,新居,漳州,漳州市龙文区龙文花园8号,欧阳先生,13800009200,业主\r\n";
        var gbk = SheetReader.Gb18030.GetBytes(text);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(gbk));

        var report = await ReportAsync(await UploadAsync(admin, "customers", gbk, "客户.csv"), HttpStatusCode.OK);
        Assert.Equal(1, report.Imported);
        var customer = await app.DbAsync(d => d.Customers.Include(c => c.Sites).ThenInclude(s => s.Contacts).SingleAsync(c => c.Code == "C9200"));
        Assert.Equal(("欧阳娜娜", "红星美凯龙店", "漳州市龙文区龙文花园8号", "欧阳先生"),
            (customer.Name, customer.SoldBy, customer.Sites.Single().Address, customer.Sites.Single().Contacts.Single().Name));
    }

    [Theory, BothDatabases]
    public async Task Customers_import_creates_customer_site_and_contact_with_the_regions_technician(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var file = Xlsx(
            ["客户编码", "客户名称", "电话", "区域", "负责技师工号", "导购/店面", "备注", "现场名称", "城市", "地址", "纬度", "经度", "联系人", "联系人电话", "工种"],
            ["C9300", "陈先生", "13800009300", "FJ", "S013", "万达店", "周末上门", "住宅", "厦门", "厦门市湖滨南路1号", 24.4798d, "118.0894", "王工", "13700009300", "施工监理"],
            ["C9301", "林女士", "13800009301", "FJ", null, null, null, null, null, null, null, null, null, null, null],
            // tech06 (S018) works in GD, not FJ; S007 is a manager, not a technician.
            ["C9302", "黄先生", "13800009302", "FJ", "S018", null, null, null, null, null, null, null, null, null, null],
            ["C9303", "吴先生", "13800009303", "FJ", "S007", null, null, null, null, null, null, null, null, null, null],
            ["C9304", "郑先生", "13800009304", "FJ", null, null, null, null, null, null, null, null, "郑先生", "13800009304", null]);

        var rejected = await UploadAsync(admin, "customers", file, "c.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        var report = await ReportAsync(await UploadAsync(admin, "customers", file, "c.xlsx", "valid-only"), HttpStatusCode.OK);
        Assert.Equal(2, report.Imported);
        Assert.Equal([(4, "负责技师工号", "TechnicianNotInRegion"), (5, "负责技师工号", "NotATechnician"), (6, "联系人", "ContactNeedsSite")],
            report.Problems.Select(p => (p.Row, p.Column, p.Code)));

        var tech01 = await app.StaffIdAsync("tech01");
        var customer = await app.DbAsync(d => d.Customers.Include(c => c.Sites).ThenInclude(s => s.Contacts).SingleAsync(c => c.Code == "C9300"));
        var fj = await app.DbAsync(d => d.Regions.Where(r => r.Code == "FJ").Select(r => r.Id).SingleAsync());
        Assert.Equal((fj, tech01, "万达店", "周末上门"), (customer.RegionId, customer.TechnicianId!.Value, customer.SoldBy, customer.Notes));
        var site = Assert.Single(customer.Sites);
        Assert.Equal(("住宅", "厦门", 24.4798m, 118.0894m), (site.Name, site.City, site.Latitude!.Value, site.Longitude!.Value));
        var contact = Assert.Single(site.Contacts);
        Assert.Equal(("王工", "13700009300", Trade.SiteSupervisor), (contact.Name, contact.Phone, contact.Trade));
        Assert.Empty(await app.DbAsync(d => d.Sites.Where(s => s.Customer.Code == "C9301").ToListAsync()));
    }

    [Theory, BothDatabases]
    public async Task Products_import_reads_prices_with_and_without_thousands_separators(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var csv = "产品编码,产品名称,类别,设备类型,型号,说明,价格\n" +
                  "P-1,花洒 A,卫浴,,A1,\"带恒温阀, 含安装\",\"1,280.50\"\n" +
                  "P-2,花洒 B,卫浴,,B1,,1280.5\n" +
                  "P-3,升降机,设备,垂直设备,CZ-9,,\n";
        Assert.Equal(3, (await ReportAsync(await UploadAsync(admin, "products", Encoding.UTF8.GetBytes(csv), "p.csv"), HttpStatusCode.OK)).Imported);
        var xlsx = Xlsx(["产品编码", "产品名称", "类别", "价格"], ["P-4", "花洒 C", "卫浴", 1280.5d], ["P-5", "花洒 D", "卫浴", "12,80"]);
        var report = await ReportAsync(await UploadAsync(admin, "products", xlsx, "p.xlsx", "valid-only"), HttpStatusCode.OK);
        Assert.Equal(("价格", "12,80", "InvalidAmount"), (report.Problems.Single().Column, report.Problems.Single().Value, report.Problems.Single().Code));

        var products = await app.DbAsync(d => d.Products.Where(p => p.Code.StartsWith("P-")).ToDictionaryAsync(p => p.Code));
        Assert.Equal([1280.50m, 1280.5m, null, 1280.5m], new[] { "P-1", "P-2", "P-3", "P-4" }.Select(c => products[c].Price));
        Assert.Equal(("带恒温阀, 含安装", "垂直设备"), (products["P-1"].Description, products["P-3"].EquipmentKind));
        Assert.False(products.ContainsKey("P-5"));
    }

    [Theory, BothDatabases]
    public async Task Only_administrators_may_import(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var page = await manager.GetAsync("/Import");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Identity/Denied", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync(page.Headers.Location)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.GetAsync("/Import/Template/staff.xlsx")).StatusCode);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(StaffCsvLine)), "file", "s.csv" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/api/import/staff", form)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsync("/api/import/staff", form)).StatusCode);
        Assert.False(await app.DbAsync(d => d.Staff.AnyAsync(s => s.StaffNumber == "S999")));
    }

    [Theory, BothDatabases]
    public async Task The_page_shows_the_report_of_a_rejected_file_and_imports_valid_rows_when_asked(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var file = FiveStaffWithTwoBad();

        var rejected = await PostPageAsync(admin, "staff", "all", file, "员工.xlsx");
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var html = WebUtility.HtmlDecode(await rejected.Content.ReadAsStringAsync());
        Assert.Contains("未导入任何数据", html);
        Assert.Matches(@"<td data-label=""行""[^>]*>4</td>\s*<td data-label=""列""[^>]*>手机</td>\s*<td data-label=""内容"">12345</td>", html);
        Assert.Contains("没有编码或名称为“XX”的区域。", html);
        Assert.False(await app.DbAsync(d => d.Staff.AnyAsync(s => s.StaffNumber == "S980")));

        var partly = WebUtility.HtmlDecode(await (await PostPageAsync(admin, "staff", "valid-only", file, "员工.xlsx")).Content.ReadAsStringAsync());
        Assert.Contains("已导入 3 行；2 行有问题，未导入。", partly);
        Assert.True(await app.DbAsync(d => d.Staff.AnyAsync(s => s.StaffNumber == "S980")));

        // No file: the message stands beside the file field.
        var none = WebUtility.HtmlDecode(await (await PostPageAsync(admin, "staff", "all", null, null)).Content.ReadAsStringAsync());
        Assert.Matches(@"field-validation-error[^>]*>此项为必填。", none);
    }

    [Theory, BothDatabases]
    public async Task Each_template_imports_as_it_is_into_the_demo_company(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        foreach (var kind in ImportNames.Kinds)
        {
            var xlsx = await admin.GetAsync($"/Import/Template/{kind.Slug()}.xlsx");
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            Assert.Equal(ImportTemplates.XlsxContentType, xlsx.Content.Headers.ContentType!.MediaType);
            var report = await ReportAsync(await UploadAsync(admin, kind.Slug(), await xlsx.Content.ReadAsByteArrayAsync(), "t.xlsx"), HttpStatusCode.OK);
            Assert.Equal(1, report.Imported);

            // The CSV template has the same example, which is now a duplicate.
            var csv = await admin.GetByteArrayAsync($"/Import/Template/{kind.Slug()}.csv");
            Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
            Assert.StartsWith(ImportColumns.For(kind)[0].Chinese + ",", Encoding.UTF8.GetString(csv[3..]));
            Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(admin, kind.Slug(), csv, "t.csv")).StatusCode);
        }
    }

    [Theory, BothDatabases]
    public async Task The_command_line_imports_a_good_file_with_exit_0_and_rejects_a_bad_one_with_exit_2(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var folder = Directory.CreateTempSubdirectory("import-cli");
        try
        {
            var bad = Path.Combine(folder.FullName, "bad.xlsx");
            await File.WriteAllBytesAsync(bad, FiveStaffWithTwoBad());
            var (exit, output) = await RunCliAsync(app, "import", "staff", bad);
            Assert.Equal(ImportCommands.Rejected, exit);
            Assert.Contains("第 4 行，手机“12345”：12345 不是有效的电话号码。", output);
            Assert.False(await app.DbAsync(d => d.Staff.AnyAsync(s => s.StaffNumber == "S980")));

            (exit, output) = await RunCliAsync(app, "import", "staff", bad, "--valid-rows-only");
            Assert.Equal(ImportCommands.Imported, exit);
            Assert.Contains("读取 5 行，正确 3 行，已导入 3 行", output);
            var id = (await app.DbAsync(d => d.Staff.Where(s => s.StaffNumber == "S980").Select(s => s.Id).SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("cli:import", await app.DbAsync(d => d.AuditEntries.Where(a => a.EntityType == "Staff" && a.EntityId == id).Select(a => a.Actor).FirstAsync()));

            var good = Path.Combine(folder.FullName, "products.csv");
            await File.WriteAllTextAsync(good, "产品编码,产品名称,类别,价格\nCLI-1,测试产品,卫浴,99\n", Encoding.UTF8);
            Assert.Equal(ImportCommands.Imported, (await RunCliAsync(app, "import", "products", good)).Exit);
            (exit, output) = await RunCliAsync(app, "import", "products", good, "--culture", "en");
            Assert.Equal(ImportCommands.Rejected, exit);
            Assert.Contains("The code CLI-1 is already used.", output);
            Assert.Equal(ImportCommands.Rejected, (await RunCliAsync(app, "import", "products", Path.Combine(folder.FullName, "missing.csv"))).Exit);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private const string StaffCsvLine = "工号,姓名,手机,角色,区域,入职日期\nS999,某某,13920000099,售后人员,FJ,2026-03-01\n";

    /// <summary>Rows 2, 3 and 5 are good; row 4 has a bad phone and row 6 an unknown region (the header is row 1).</summary>
    private static byte[] FiveStaffWithTwoBad() => Xlsx(
        StaffHeader,
        ["S980", "甲一", "13920000040", "售后人员", "FJ", "S007", 1d, "2026-03-01"],
        ["S982", "丙三", "13920000042", "售后人员", "GD", null, 2d, "2026-03-01"],
        ["S981", "乙二", "12345", "售后人员", "FJ", "S007", 1d, "2026-03-01"],
        ["S984", "戊五", "13920000044", "财务", null, null, null, "2026-03-01"],
        ["S983", "丁四", "13920000043", "售后人员", "XX", null, 2d, "2026-03-01"]);

    private static async Task<ImportReport> ReportAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<ImportReport>(body, JsonSerializerOptions.Web)!;
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/Import");
        return WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string kind, byte[] content, string fileName, string mode = "all")
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/import/{kind}?mode={mode}") { Content = form };
        request.Headers.Add("X-CSRF-TOKEN", await TokenAsync(client));
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostPageAsync(HttpClient client, string kind, string mode, byte[]? content, string? fileName)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync(client)), "__RequestVerificationToken" },
            { new StringContent(kind), "Input.Kind" },
            { new StringContent(mode), "Input.Mode" },
        };
        if (content is not null) form.Add(new ByteArrayContent(content), "Input.File", fileName!);
        return await client.PostAsync("/Import", form);
    }

    private static async Task<(int Exit, string Output)> RunCliAsync(TestApp app, params string[] args)
    {
        var root = new RootCommand { ImportCommands.Create(() => app.Factory.Services) };
        var output = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
