using System.Globalization;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.People;
using Microsoft.EntityFrameworkCore;
using C = AfterSales.Features.Import.ImportColumns.Staff;

namespace AfterSales.Features.Import;

/// <summary>
/// Staff: one person per row. The manager (上级工号) is someone already employed or a person on another row of the
/// same file; staff numbers and mobile numbers must be new, in the file and in the database. A person with a monthly
/// salary has the deposit held (HR-2) by <paramref name="policy"/>, as one entered on their page would.
/// </summary>
public sealed class StaffImporter(AppDbContext db, PolicyInForce policy, DateTimeOffset now) : Importer<Staff>(db)
{
    private static readonly Dictionary<string, ImportColumn> Fields = new()
    {
        [nameof(Staff.StaffNumber)] = C.StaffNumber,
        [nameof(Staff.Name)] = C.Name,
        [nameof(Staff.Phone)] = C.Phone,
        [nameof(Staff.RegionId)] = C.Region,
        [nameof(Staff.ManagerId)] = C.ManagerNumber,
        [nameof(Staff.SkillLevel)] = C.SkillLevel,
        [nameof(Staff.HireDate)] = C.HireDate,
        [nameof(Staff.MonthlySalary)] = C.MonthlySalary,
    };

    private sealed record Existing(int Id, string StaffNumber, string Phone, bool IsActive);

    private RegionLookup _regions = null!;
    private Dictionary<string, Existing> _byNumber = null!;
    private HashSet<string> _phones = null!;
    private readonly FirstSeen _numbersInFile = new();
    private readonly FirstSeen _phonesInFile = new();
    private readonly Dictionary<string, ImportRow> _rowByNumber = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Rows whose manager is not employed yet, with the manager's staff number: it must be on another row.</summary>
    private readonly Dictionary<ImportRow, string> _managerInFile = [];

    public override IReadOnlyList<ImportColumn> Columns => C.All;

    public override async Task PrepareAsync(CancellationToken ct)
    {
        _regions = await RegionLookup.LoadAsync(Db, ct);
        var staff = await Db.Staff.AsNoTracking().Select(s => new Existing(s.Id, s.StaffNumber, s.Phone, s.IsActive)).ToListAsync(ct);
        _byNumber = staff.ToDictionary(s => s.StaffNumber, StringComparer.OrdinalIgnoreCase);
        _phones = staff.Select(s => s.Phone).ToHashSet();
    }

    protected override Staff? Build(ImportRow row)
    {
        var number = row.Required(C.StaffNumber)?.ToUpperInvariant();
        if (number is not null)
        {
            if (_byNumber.ContainsKey(number)) row.Problem(C.StaffNumber, "StaffNumberTaken", number);
            else if (_numbersInFile.Check(row, C.StaffNumber, number)) _rowByNumber[number] = row;
        }

        var name = row.Required(C.Name);
        var phone = row.Required(C.Phone) is { } phoneText ? Mobile(row, phoneText) : null;
        if (phone is not null)
        {
            if (_phones.Contains(phone)) row.Problem(C.Phone, "PhoneTaken", phone);
            else _phonesInFile.Check(row, C.Phone, phone);
        }

        StaffRole? role = null;
        if (row.Required(C.Role) is { } roleText)
        {
            role = ImportVocabulary.ParseRole(roleText);
            if (role is null) row.Problem(C.Role, "ImportUnknownValue", roleText, ImportVocabulary.RoleChoices(CultureInfo.CurrentUICulture));
        }
        var regionId = _regions.Read(row, C.Region, required: false);
        var managerId = Manager(row, number);
        var skill = row.Integer(C.SkillLevel);
        if (skill is < Staff.LowestSkillLevel or > Staff.HighestSkillLevel)
            row.Problem(C.SkillLevel, "SkillLevelOutOfRange", Staff.LowestSkillLevel, Staff.HighestSkillLevel);
        var hired = row.Date(C.HireDate);
        if (hired is null && row.Value(C.HireDate) is null) row.Problem(C.HireDate, "Required");
        var salary = row.Amount(C.MonthlySalary);

        if (!row.IsValid) return null;
        var staff = Apply(row, () => new Staff(number!, name!, phone!, role!.Value, regionId, hired!.Value), Fields, C.StaffNumber);
        if (staff is null) return null;
        if (skill is not null && !Apply(row, () => staff.SetSkillLevel(skill.Value, null, null, default), Fields, C.SkillLevel)) return null;
        if (managerId is not null && !Apply(row, () => staff.ReportTo(managerId), Fields, C.ManagerNumber)) return null;
        if (salary is not null && !Apply(row, () => staff.SetMonthlySalary(salary.Value), Fields, C.MonthlySalary)) return null;
        staff.HoldDeposit(policy.Document.People.DepositMonths, policy.Version, now);
        return staff;
    }

    /// <summary>An active employee's id; a manager who is not employed yet is looked for among the file's rows later.</summary>
    private int? Manager(ImportRow row, string? number)
    {
        var managerNumber = row.Text(C.ManagerNumber)?.ToUpperInvariant();
        if (managerNumber is null) return null;
        if (managerNumber == number)
        {
            row.Problem(C.ManagerNumber, "CannotManageSelf");
            return null;
        }
        if (!_byNumber.TryGetValue(managerNumber, out var manager))
        {
            _managerInFile[row] = managerNumber;
            return null;
        }
        if (!manager.IsActive) row.Problem(C.ManagerNumber, "StaffNumberNotFound", managerNumber);
        return manager.IsActive ? manager.Id : null;
    }

    /// <summary>
    /// A manager on another row must be on a row that is itself imported; a row that loses its manager that way
    /// may in turn be someone else's manager, so this repeats until nothing changes.
    /// </summary>
    public override void CheckAcrossRows()
    {
        foreach (var (row, managerNumber) in _managerInFile)
        {
            if (!_rowByNumber.ContainsKey(managerNumber)) row.Problem(C.ManagerNumber, "StaffNumberNotFound", managerNumber);
        }
        bool changed;
        do
        {
            changed = false;
            foreach (var (row, managerNumber) in _managerInFile)
            {
                if (row.IsValid && _rowByNumber.TryGetValue(managerNumber, out var managerRow) && !managerRow.IsValid)
                {
                    row.Problem(C.ManagerNumber, "ImportManagerRowInvalid", managerNumber, managerRow.Number);
                    changed = true;
                }
            }
        } while (changed);
    }

    protected override async Task AfterInsertAsync(IReadOnlyList<(ImportRow Row, Staff Item)> saved, CancellationToken ct)
    {
        var byNumber = saved.ToDictionary(s => s.Item.StaffNumber, s => s.Item, StringComparer.OrdinalIgnoreCase);
        var linked = false;
        foreach (var (row, staff) in saved)
        {
            if (!_managerInFile.TryGetValue(row, out var managerNumber)) continue;
            staff.ReportTo(byNumber[managerNumber].Id);
            linked = true;
        }
        if (linked) await Db.SaveChangesAsync(ct);
    }

    private static string? Mobile(ImportRow row, string text)
    {
        try
        {
            return ChinesePhone.NormalizeMobile(text, nameof(Staff.Phone));
        }
        catch (DomainException e)
        {
            row.Problem(C.Phone, e);
            return null;
        }
    }
}
