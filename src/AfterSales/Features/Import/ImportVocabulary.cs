using System.Globalization;
using AfterSales.Domain.Customers;
using AfterSales.Domain.People;

namespace AfterSales.Features.Import;

/// <summary>
/// The words a file may use for roles and trades: the enum names, the Chinese names the UI shows, and the other
/// names the company's own documents use (SEC-1: 售后人员/指导人员/安装工人 …). Like the headers, these are part of
/// the file format, so they live in code; the first Chinese name of each is the one the template and the error
/// message offer.
/// </summary>
public static class ImportVocabulary
{
    private static readonly (StaffRole Role, string[] Names)[] RoleNames =
    [
        (StaffRole.Technician, ["售后人员", "技师", "售后技师", "指导人员", "安装工人"]),
        (StaffRole.Supervisor, ["部门主管", "主管"]),
        (StaffRole.RegionalManager, ["售后经理", "经理"]),
        (StaffRole.DeputyManager, ["副经理", "售后副经理"]),
        (StaffRole.SupervisionDepartment, ["督导部", "督导"]),
        (StaffRole.GeneralManager, ["总经理"]),
        (StaffRole.Finance, ["财务"]),
        (StaffRole.Store, ["店面", "导购", "导购员", "店面/导购"]),
        (StaffRole.TechnicalSupport, ["技术支持", "专业人员", "管理科"]),
        (StaffRole.Administrator, ["系统管理员", "管理员"]),
    ];

    private static readonly (Trade Trade, string[] Names)[] TradeNames =
    [
        (Trade.Owner, ["业主", "房主", "户主"]),
        (Trade.SiteSupervisor, ["施工监理", "监理", "工地负责人"]),
        (Trade.Plumber, ["配管工人", "水电工", "水工", "管工"]),
        (Trade.Tiler, ["瓦工", "泥瓦工"]),
        (Trade.Electrician, ["电工"]),
        (Trade.Carpenter, ["木工"]),
        (Trade.PropertyManager, ["物业", "物业管理"]),
        (Trade.Other, ["其他"]),
    ];

    public static StaffRole? ParseRole(string text) => Parse(text, RoleNames);

    public static Trade? ParseTrade(string text) => Parse(text, TradeNames);

    public static string ChineseName(StaffRole role) => RoleNames.Single(r => r.Role == role).Names[0];

    public static string ChineseName(Trade trade) => TradeNames.Single(t => t.Trade == trade).Names[0];

    /// <summary>The accepted values to list in an error message, in the reader's language.</summary>
    public static string RoleChoices(CultureInfo culture) => Choices(RoleNames, culture);

    public static string TradeChoices(CultureInfo culture) => Choices(TradeNames, culture);

    private static T? Parse<T>(string text, (T Value, string[] Names)[] vocabulary) where T : struct, Enum
    {
        var key = ImportColumn.Normalize(text);
        foreach (var (value, names) in vocabulary)
        {
            if (ImportColumn.Normalize(value.ToString()) == key || names.Any(n => ImportColumn.Normalize(n) == key)) return value;
        }
        return null;
    }

    private static string Choices<T>((T Value, string[] Names)[] vocabulary, CultureInfo culture) where T : struct, Enum =>
        string.Join(culture.TwoLetterISOLanguageName == "zh" ? "、" : ", ",
            vocabulary.Select(v => culture.TwoLetterISOLanguageName == "zh" ? v.Names[0] : v.Value.ToString()));
}
