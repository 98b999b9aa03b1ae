using AfterSales.Data;
using AfterSales.Domain.Catalog;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using AfterSales.Domain.Scheduling;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Demo;

/// <summary>
/// The demo company: two regions, their managers, a head office, ten technicians, forty customers in real
/// cities, products and installed equipment. Built the same way every time, so tests and screenshots agree.
/// </summary>
public sealed class DemoCompany(AppDbContext db, UserManager<AppUser> users, AuditActor actor, LocalTime local)
{
    public const string Password = "Demo@2026";

    public sealed record Account(string UserName, string Phone, string Name, StaffRole Role, string? RegionCode);

    private sealed record DemoRegion(string Code, string Name, string City, (string City, decimal Lat, decimal Lng)[] Cities);

    private static readonly DemoRegion[] DemoRegions =
    [
        new("FJ", "福建区", "厦门", [("厦门", 24.4798m, 118.0894m), ("漳州", 24.5130m, 117.6471m), ("福州", 26.0745m, 119.2965m), ("泉州", 24.8741m, 118.6757m)]),
        new("GD", "广东区", "广州", [("广州", 23.1291m, 113.2644m), ("深圳", 22.5431m, 114.0579m), ("佛山", 23.0215m, 113.1214m), ("东莞", 23.0207m, 113.7518m)]),
    ];

    /// <summary>Every demo log-in, in the order they are printed.</summary>
    public static readonly IReadOnlyList<Account> Accounts =
    [
        new("admin", "13900000000", "系统管理员", StaffRole.Administrator, null),
        new("gm", "13900000001", "王建国", StaffRole.GeneralManager, null),
        new("supervision", "13900000002", "李静", StaffRole.SupervisionDepartment, null),
        new("supervisor", "13900000003", "陈志强", StaffRole.Supervisor, null),
        new("finance", "13900000004", "赵敏", StaffRole.Finance, null),
        new("support", "13900000005", "孙工", StaffRole.TechnicalSupport, null),
        new("fj.manager", "13900000011", "林海", StaffRole.RegionalManager, "FJ"),
        new("fj.deputy", "13900000012", "黄丽", StaffRole.DeputyManager, "FJ"),
        new("fj.store", "13900000013", "郑晓", StaffRole.Store, "FJ"),
        new("gd.manager", "13900000021", "梁伟", StaffRole.RegionalManager, "GD"),
        new("gd.deputy", "13900000022", "何芳", StaffRole.DeputyManager, "GD"),
        new("gd.store", "13900000023", "冯源", StaffRole.Store, "GD"),
        new("tech01", "13910000001", "张伟", StaffRole.Technician, "FJ"),
        new("tech02", "13910000002", "刘洋", StaffRole.Technician, "FJ"),
        new("tech03", "13910000003", "杨帆", StaffRole.Technician, "FJ"),
        new("tech04", "13910000004", "吴磊", StaffRole.Technician, "FJ"),
        new("tech05", "13910000005", "周杰", StaffRole.Technician, "FJ"),
        new("tech06", "13910000006", "徐强", StaffRole.Technician, "GD"),
        new("tech07", "13910000007", "朱军", StaffRole.Technician, "GD"),
        new("tech08", "13910000008", "马超", StaffRole.Technician, "GD"),
        new("tech09", "13910000009", "胡斌", StaffRole.Technician, "GD"),
        new("tech10", "13910000010", "郭明", StaffRole.Technician, "GD"),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] GivenNames = ["建华", "秀英", "志明", "丽娟", "国强", "美玲", "文杰", "海燕", "俊杰", "雪梅"];
    private static readonly string[] Streets = ["民主路", "龙文花园", "中山路", "滨海大道", "人民路", "建设路", "解放路", "新华街", "湖滨南路", "东风路"];
    private static readonly string[] Stores = ["万达店", "红星美凯龙店", "居然之家店", "宜家旁旗舰店"];

    private static readonly (string Code, string Name, string Category, string? Kind, string Model, decimal Price)[] Products =
    [
        ("TL-ZNMT-01", "智能马桶 Z1", "卫浴", null, "Z1", 4999m),
        ("TL-YSG-80", "浴室柜 80cm", "卫浴", null, "YSG-80", 3280m),
        ("TL-LYF-90", "淋浴房 90×90", "卫浴", null, "LYF-9090", 5600m),
        ("TL-HWHS-3", "恒温花洒套装", "卫浴", null, "HW-3", 1680m),
        ("JY-200", "卷压设备 JY-200", "设备", "卷压设备", "JY-200", 86000m),
        ("CZ-300", "垂直设备 CZ-300", "设备", "垂直设备", "CZ-300", 128000m),
        ("KLD-35", "列车空调机组 KLD-35", "设备", "列车空调", "KLD-35", 215000m),
    ];

    private static readonly Domain.Assessment.PeoplePolicy people = Domain.Assessment.PolicyDocument.Default().People;

    /// <summary>A plausible monthly salary (CNY) per role for the demo.</summary>
    private static decimal DemoSalary(StaffRole role, int number) => role switch
    {
        StaffRole.Technician => 6000m + number % 4 * 500m,
        StaffRole.Store => 5000m,
        StaffRole.RegionalManager or StaffRole.GeneralManager => 15000m,
        StaffRole.DeputyManager => 11000m,
        _ => 8000m,
    };

    public Task<bool> IsPresentAsync(CancellationToken ct = default) => db.Users.AnyAsync(u => u.UserName == "admin", ct);

    /// <summary>Adds the demo company to an empty database; returns false and changes nothing if it holds staff already.</summary>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        if (await db.Staff.AnyAsync(ct)) return false;
        actor.Name = "system:demo";
        var start = new DateOnly(2024, 3, 1);

        var regions = DemoRegions.ToDictionary(r => r.Code, r => new Region(r.Code, r.Name, r.City));
        db.Regions.AddRange(regions.Values);
        await db.SaveChangesAsync(ct);

        var staff = new Dictionary<string, Staff>();
        var number = 0;
        foreach (var account in Accounts)
        {
            number++;
            var member = new Staff($"S{number:000}", account.Name, account.Phone, account.Role,
                account.RegionCode is null ? null : regions[account.RegionCode].Id, start.AddDays(number * 11));
            if (account.Role == StaffRole.Technician) member.SetSkillLevel(1 + number % 4, null, null, default); // a new person joins at it: no reason, no time
            // HR-2: everyone has a salary, and one month of it is held as the deposit from the start.
            member.SetMonthlySalary(DemoSalary(account.Role, number));
            member.HoldDeposit(people.DepositMonths, Assessment.PolicyBook.ShippedLabel,
                new DateTimeOffset(member.HireDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            staff[account.UserName] = member;
            db.Staff.Add(member);
        }
        await db.SaveChangesAsync(ct);

        foreach (var region in DemoRegions)
        {
            var prefix = region.Code.ToLowerInvariant();
            regions[region.Code].AppointManagers(staff[$"{prefix}.manager"].Id, staff[$"{prefix}.deputy"].Id);
            staff[$"{prefix}.deputy"].ReportTo(staff[$"{prefix}.manager"].Id);
            staff[$"{prefix}.store"].ReportTo(staff[$"{prefix}.manager"].Id);
            staff[$"{prefix}.manager"].ReportTo(staff["gm"].Id);
        }
        foreach (var account in Accounts.Where(a => a.Role == StaffRole.Technician))
            staff[account.UserName].ReportTo(staff[$"{account.RegionCode!.ToLowerInvariant()}.manager"].Id);
        // SCH-4: where each technician's day starts — at home, in one of the region's cities (tech01 and tech05 in Xiamen,
        // tech02 in Zhangzhou, tech03 in Fuzhou, tech04 in Quanzhou; GD alike), a little off the city centre.
        foreach (var (tech, k) in Accounts.Where(a => a.Role == StaffRole.Technician).Select((a, k) => (a, k)))
        {
            var cities = DemoRegions.Single(r => r.Code == tech.RegionCode).Cities;
            var city = cities[new[] { 0, 1, 2, 3, 0 }[k % 5]];
            staff[tech.UserName].SetHome(city.Lat - 0.02m + k % 3 * 0.01m, city.Lng + 0.015m - k % 2 * 0.03m);
        }
        foreach (var headOffice in new[] { "supervision", "supervisor", "finance", "support" })
            staff[headOffice].ReportTo(staff["gm"].Id);
        await db.SaveChangesAsync(ct);

        foreach (var account in Accounts)
        {
            var user = new AppUser { UserName = account.UserName, PhoneNumber = account.Phone, StaffId = staff[account.UserName].Id };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Demo user {account.UserName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        var products = Products.Select(p =>
        {
            var product = new Product(p.Code, p.Name, p.Category, p.Kind, p.Model);
            product.Update(p.Name, p.Category, p.Kind, p.Model, $"{p.Name}，含安装图纸。", p.Price);
            return product;
        }).ToList();
        db.Products.AddRange(products);
        await db.SaveChangesAsync(ct);

        var technicians = Accounts.Where(a => a.Role == StaffRole.Technician).GroupBy(a => a.RegionCode!)
            .ToDictionary(g => g.Key, g => g.Select(a => staff[a.UserName]).ToList());
        var customers = new List<Customer>();
        for (var i = 0; i < 40; i++)
        {
            var region = DemoRegions[i % 2];
            var city = region.Cities[i / 2 % region.Cities.Length];
            var name = Surnames[i % Surnames.Length] + GivenNames[i * 3 % GivenNames.Length];
            var customer = new Customer($"C{i + 1:0000}", name, $"1380{i + 1:0000000}", regions[region.Code].Id);
            customer.Update(name, customer.Phone, regions[region.Code].Id, Stores[i % Stores.Length]);
            customer.AssignTechnician(technicians[region.Code][i / 2 % technicians[region.Code].Count].Id);
            // Deterministic spread of a few kilometres around the city centre.
            var lat = city.Lat + (i % 7 - 3) * 0.011m;
            var lng = city.Lng + (i % 5 - 2) * 0.013m;
            var site = customer.AddSite("住宅", city.City, $"{city.City}市{Streets[i % Streets.Length]}{10 + i}号{1 + i % 20}0{1 + i % 4}室", lat, lng);
            site.AddContact(name, customer.Phone, Trade.Owner);
            if (i % 3 == 0) site.AddContact(Surnames[(i + 5) % Surnames.Length] + "工", $"1370{i + 1:0000000}", Trade.SiteSupervisor);
            if (i % 4 == 1) site.AddContact(Surnames[(i + 9) % Surnames.Length] + "师傅", $"1360{i + 1:0000000}", Trade.Plumber);
            if (i % 5 == 2) site.AddContact(Surnames[(i + 13) % Surnames.Length] + "师傅", $"1350{i + 1:0000000}", Trade.Tiler);
            if (i % 8 == 7) customer.AddSite("检修基地", city.City, $"{city.City}市动车检修基地{1 + i % 3}号库", lat + 0.05m, lng + 0.05m);
            customers.Add(customer);
        }
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync(ct);

        var serial = 0;
        foreach (var (customer, i) in customers.Select((c, i) => (c, i)))
        {
            var installed = new DateOnly(2025, 1, 1).AddDays(i * 9);
            foreach (var site in customer.Sites)
            {
                var equipmentProducts = site.Name == "检修基地"
                    ? [products[6], products[6]]
                    : i % 2 == 0 ? new[] { products[i % 4], products[4] } : [products[i % 4], products[5]];
                foreach (var product in equipmentProducts)
                {
                    serial++;
                    db.Equipment.Add(new InstalledEquipment($"SN{2025000 + serial}", product.Id, site.Id,
                        product.EquipmentKind ?? product.Category, product.Model, installed, installed.AddYears(product.EquipmentKind is null ? 1 : 2)));
                }
            }
        }
        await db.SaveChangesAsync(ct);

        // SCH-1: days off, leave, a trip and training in the coming weeks, and one technician with his own week,
        // so the roster shows something. Relative to today, so it stays in the future.
        var today = local.Today;
        var now = local.Now;
        db.TimeOff.AddRange(
            new TimeOff(staff["tech02"].Id, TimeOffKind.DayOff, today.AddDays(2), today.AddDays(2), "调休", staff["fj.manager"].Id, now),
            new TimeOff(staff["tech04"].Id, TimeOffKind.Trip, today.AddDays(6), today.AddDays(9), "福州 设备年检", staff["fj.manager"].Id, now),
            new TimeOff(staff["tech05"].Id, TimeOffKind.Training, today.AddDays(12), today.AddDays(13), "新品安装培训", staff["fj.manager"].Id, now),
            new TimeOff(staff["tech07"].Id, TimeOffKind.Leave, today.AddDays(3), today.AddDays(4), "事假", staff["gd.manager"].Id, now),
            new TimeOff(staff["tech09"].Id, TimeOffKind.Trip, today.AddDays(8), today.AddDays(10), "深圳 动车检修基地", staff["gd.manager"].Id, now));
        db.WorkingHours.AddRange(
            new WorkingHours(staff["tech05"].Id, DayOfWeek.Monday, null, null),
            new WorkingHours(staff["tech05"].Id, DayOfWeek.Sunday, new TimeOnly(9, 0), new TimeOnly(17, 0)));
        foreach (var (tech, skills) in new[] { ("tech01", "卫浴"), ("tech02", "卫浴"), ("tech03", "卫浴、设备"), ("tech04", "设备、列车空调"),
                     ("tech05", "卫浴"), ("tech06", "卫浴"), ("tech07", "卫浴、设备"), ("tech08", "卫浴"), ("tech09", "设备、列车空调"), ("tech10", "卫浴") })
            db.TechnicianSkills.AddRange(skills.Split('、').Select(skill => new TechnicianSkill(staff[tech].Id, skill)));
        await db.SaveChangesAsync(ct);

        // INV-1…INV-3: a warehouse per region, each technician's own stock, tools and materials issued.
        await new Stock.DemoStock(db, local).SeedAsync(staff, ct);

        // SAF-1, SAF-2: the default permit template, the maintenance bases and their agreements.
        await new Safety.DemoSafety(db, local).SeedAsync(staff, ct);
        return true;
    }

    public static void PrintLogIns(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Demo log-ins (password for all: {Password}; the phone number works as the log-in too):");
        foreach (var account in Accounts)
            output.WriteLine($"  {account.UserName,-12} {account.Phone}  {account.Role,-22} {account.RegionCode ?? "all regions",-11} {account.Name}");
    }
}
