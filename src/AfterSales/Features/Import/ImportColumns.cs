using System.Globalization;
using System.Text;

namespace AfterSales.Features.Import;

/// <summary>
/// A column an import understands. The header spellings are part of the file format, not UI text: they stay
/// the same whatever language the page is shown in (a translated resource must never stop yesterday's file from
/// importing), which is why they live here and not in the resources.
/// </summary>
public sealed record ImportColumn(string Key, string Chinese, string English, bool Required = false, int? MaxLength = null, params string[] Aliases)
{
    public bool Matches(string header)
    {
        var normalized = Normalize(header);
        return normalized == Normalize(Chinese) || normalized == Normalize(English) || Aliases.Any(a => Normalize(a) == normalized);
    }

    /// <summary>Case, spaces, underscores, full-width forms and a required-marker (*, （必填）) do not matter.</summary>
    public static string Normalize(string header)
    {
        var s = header.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
        s = s.Replace("(必填)", "", StringComparison.Ordinal).TrimEnd('*').TrimStart('*');
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c) && c != '_' && c != '-') builder.Append(c);
        }
        return builder.ToString();
    }
}

/// <summary>The columns of each kind of file, in template order.</summary>
public static class ImportColumns
{
    public static class Staff
    {
        public static readonly ImportColumn StaffNumber = new("StaffNumber", "工号", "StaffNumber", true, 20, "员工编号", "员工工号");
        public static readonly ImportColumn Name = new("Name", "姓名", "Name", true, 100, "员工姓名");
        public static readonly ImportColumn Phone = new("Phone", "手机", "Phone", true, 20, "手机号", "手机号码", "电话", "Mobile");
        public static readonly ImportColumn Role = new("Role", "角色", "Role", true, null, "岗位", "职务");
        public static readonly ImportColumn Region = new("Region", "区域", "Region", false, null, "区域编码", "RegionCode");
        public static readonly ImportColumn ManagerNumber = new("ManagerNumber", "上级工号", "ManagerNumber", false, 20, "上级", "Manager");
        public static readonly ImportColumn SkillLevel = new("SkillLevel", "技能等级", "SkillLevel", false, null, "等级");
        public static readonly ImportColumn HireDate = new("HireDate", "入职日期", "HireDate", true, null, "入职时间");
        /// <summary>HR-2: the deposit held at the start is a month of it.</summary>
        public static readonly ImportColumn MonthlySalary = new("MonthlySalary", "月工资", "MonthlySalary", false, null, "工资", "月薪", "Salary");

        public static readonly IReadOnlyList<ImportColumn> All = [StaffNumber, Name, Phone, Role, Region, ManagerNumber, SkillLevel, HireDate, MonthlySalary];
    }

    public static class Customers
    {
        public static readonly ImportColumn Code = new("Code", "客户编码", "Code", true, 20, "客户编号", "CustomerCode");
        public static readonly ImportColumn Name = new("Name", "客户名称", "Name", true, 100, "客户姓名", "客户", "CustomerName");
        public static readonly ImportColumn Phone = new("Phone", "电话", "Phone", true, 20, "客户电话", "手机", "联系电话");
        public static readonly ImportColumn Region = new("Region", "区域", "Region", true, null, "区域编码", "RegionCode");
        public static readonly ImportColumn TechnicianNumber = new("TechnicianNumber", "负责技师工号", "TechnicianNumber", false, 20, "技师工号", "负责技师", "Technician");
        public static readonly ImportColumn SoldBy = new("SoldBy", "导购/店面", "SoldBy", false, 100, "导购", "店面", "导购员");
        public static readonly ImportColumn Notes = new("Notes", "备注", "Notes", false, 2000);
        public static readonly ImportColumn SiteName = new("SiteName", "现场名称", "SiteName", false, 100, "现场", "工地名称");
        public static readonly ImportColumn City = new("City", "城市", "City", false, 50);
        public static readonly ImportColumn Address = new("Address", "地址", "Address", false, 300, "现场地址", "详细地址");
        public static readonly ImportColumn Latitude = new("Latitude", "纬度", "Latitude", false, null, "Lat");
        public static readonly ImportColumn Longitude = new("Longitude", "经度", "Longitude", false, null, "Lng", "Lon");
        public static readonly ImportColumn ContactName = new("ContactName", "联系人", "ContactName", false, 100, "现场联系人");
        public static readonly ImportColumn ContactPhone = new("ContactPhone", "联系人电话", "ContactPhone", false, 20, "联系人手机");
        public static readonly ImportColumn Trade = new("Trade", "工种", "Trade", false, null, "联系人身份");

        public static readonly IReadOnlyList<ImportColumn> All =
            [Code, Name, Phone, Region, TechnicianNumber, SoldBy, Notes, SiteName, City, Address, Latitude, Longitude, ContactName, ContactPhone, Trade];
    }

    public static class Products
    {
        public static readonly ImportColumn Code = new("Code", "产品编码", "Code", true, 40, "产品编号", "ProductCode");
        public static readonly ImportColumn Name = new("Name", "产品名称", "Name", true, 200, "ProductName");
        public static readonly ImportColumn Category = new("Category", "类别", "Category", true, 100, "产品类别", "分类");
        public static readonly ImportColumn EquipmentKind = new("EquipmentKind", "设备类型", "EquipmentKind", false, 50, "设备种类");
        public static readonly ImportColumn Model = new("Model", "型号", "Model", false, 100, "规格型号");
        public static readonly ImportColumn Description = new("Description", "说明", "Description", false, 4000, "描述", "产品说明");
        public static readonly ImportColumn Price = new("Price", "价格", "Price", false, null, "单价", "价格(元)", "售价");

        public static readonly IReadOnlyList<ImportColumn> All = [Code, Name, Category, EquipmentKind, Model, Description, Price];
    }

    public static IReadOnlyList<ImportColumn> For(ImportKind kind) => kind switch
    {
        ImportKind.Staff => Staff.All,
        ImportKind.Customers => Customers.All,
        ImportKind.Products => Products.All,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>Where each known column is in a sheet, found from its header row.</summary>
public sealed class HeaderMap
{
    private readonly Dictionary<ImportColumn, (int Index, string Header)> _columns = [];

    private HeaderMap(Sheet sheet, SheetRow header)
    {
        Sheet = sheet;
        HeaderRow = header;
    }

    public Sheet Sheet { get; }
    public SheetRow HeaderRow { get; }
    public List<string> IgnoredColumns { get; } = [];

    /// <summary>Problems with the header itself (missing or repeated columns): the file cannot be read row by row.</summary>
    public List<(string Column, string Code, object[] Args)> Problems { get; } = [];

    public IEnumerable<SheetRow> DataRows => Sheet.Rows.Where(r => r.Number > HeaderRow.Number);

    public bool Has(ImportColumn column) => _columns.ContainsKey(column);

    public int? IndexOf(ImportColumn column) => _columns.TryGetValue(column, out var c) ? c.Index : null;

    /// <summary>The header as the file spells it, or the Chinese name when the file has no such column.</summary>
    public string HeaderOf(ImportColumn column) => _columns.TryGetValue(column, out var c) ? c.Header : column.Chinese;

    /// <summary>
    /// The first row, on the first sheet that has one, whose cells name at least two known columns (title rows above
    /// it are skipped); null when no sheet has such a row.
    /// </summary>
    public static HeaderMap? Find(IReadOnlyList<Sheet> sheets, IReadOnlyList<ImportColumn> columns)
    {
        foreach (var sheet in sheets)
        {
            foreach (var row in sheet.Rows.Take(10))
            {
                var matches = row.Cells.Count(c => c is not null && columns.Any(col => col.Matches(CellText(c))));
                if (matches >= Math.Min(2, columns.Count)) return Map(sheet, row, columns);
            }
        }
        return null;
    }

    private static HeaderMap Map(Sheet sheet, SheetRow header, IReadOnlyList<ImportColumn> columns)
    {
        var map = new HeaderMap(sheet, header);
        for (var i = 0; i < header.Cells.Count; i++)
        {
            if (header.Cells[i] is not { } cell) continue;
            var text = CellText(cell);
            var column = columns.FirstOrDefault(c => c.Matches(text));
            if (column is null)
                map.IgnoredColumns.Add(text);
            else if (map._columns.TryGetValue(column, out var first))
                map.Problems.Add((text, "ImportDuplicateColumn", [text, first.Header]));
            else
                map._columns[column] = (i, text);
        }
        foreach (var column in columns.Where(c => c.Required && !map._columns.ContainsKey(c)))
            map.Problems.Add((column.Chinese, "ImportMissingColumn", [column.Chinese]));
        return map;
    }

    internal static string CellText(object value) => value switch
    {
        string s => s,
        // Through decimal, so 13812345678 stays 13812345678 and 0.1 stays 0.1 (no exponent, no binary noise).
        double d when Math.Abs(d) < 1e15 => ((decimal)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
