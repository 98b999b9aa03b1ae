namespace AfterSales.Domain.People;

/// <summary>An employee of the after-sales department (售后人员, managers, supervisors …).</summary>
public class Staff : Entity
{
    public const int LowestSkillLevel = 1;
    public const int HighestSkillLevel = 5;

    private Staff() { }

    public Staff(string staffNumber, string name, string phone, StaffRole role, int? regionId, DateOnly hireDate)
    {
        StaffNumber = Guard.Required(staffNumber, nameof(StaffNumber)).ToUpperInvariant();
        HireDate = hireDate;
        SkillLevel = LowestSkillLevel;
        Update(name, phone, role, regionId);
        // HR-1: every level has a history, starting with the one the person joins at.
        _skillLevelChanges.Add(SkillLevelChange.Initial(this, LowestSkillLevel, new DateTimeOffset(hireDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
    }

    public const int MaxSkillReasonLength = 500;

    private readonly List<SkillLevelChange> _skillLevelChanges = [];
    private readonly List<DepositEntry> _deposits = [];

    public string StaffNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>Mobile number in national form (e.g. 13812345678); also a log-in name.</summary>
    public string Phone { get; private set; } = "";
    public StaffRole Role { get; private set; }
    public int? RegionId { get; private set; }
    public int? ManagerId { get; private set; }
    public int SkillLevel { get; private set; }
    public DateOnly HireDate { get; private set; }
    public bool IsActive { get; private set; } = true;
    /// <summary>HR-2: the monthly salary (CNY) the deposit is reckoned from.</summary>
    public decimal MonthlySalary { get; private set; }

    /// <summary>HR-1: how the level came to be (only what was added while tracked, unless loaded).</summary>
    public IReadOnlyCollection<SkillLevelChange> SkillLevelChanges => _skillLevelChanges.AsReadOnly();

    /// <summary>HR-2: the deposit ledger (only what was added while tracked, unless loaded).</summary>
    public IReadOnlyCollection<DepositEntry> Deposits => _deposits.AsReadOnly();

    public void Update(string name, string phone, StaffRole role, int? regionId)
    {
        Name = Guard.Required(name, nameof(Name));
        Phone = ChinesePhone.NormalizeMobile(phone, nameof(Phone));
        if (RoleNeedsRegion(role) && regionId is null)
            throw new DomainException("RoleNeedsRegion") { Field = nameof(RegionId) };
        Role = role;
        RegionId = regionId;
    }

    public void ReportTo(int? managerId)
    {
        if (managerId is not null && managerId == Id && Id != 0)
            throw new DomainException("CannotManageSelf") { Field = nameof(ManagerId) };
        ManagerId = managerId;
    }

    /// <summary>
    /// HR-1: a manager sets the level, with a reason, recorded in the history. A person not saved yet simply joins at
    /// the level (their "initial" entry says so, and needs no reason).
    /// </summary>
    public void SetSkillLevel(int level, string? reason, int? byId, DateTimeOffset at)
    {
        if (level is < LowestSkillLevel or > HighestSkillLevel)
            throw new DomainException("SkillLevelOutOfRange", LowestSkillLevel, HighestSkillLevel) { Field = nameof(SkillLevel) };
        if (Id == 0 && _skillLevelChanges.SingleOrDefault(c => c.Source == SkillLevelSource.Initial) is { } initial)
        {
            initial.Restate(level);
            SkillLevel = level;
            return;
        }
        if (level == SkillLevel) return;
        var why = Guard.Optional(reason) ?? throw new DomainException("SkillLevelReasonRequired") { Field = "SkillLevelReason" };
        if (why.Length > MaxSkillReasonLength) throw new DomainException("TextTooLong", MaxSkillReasonLength) { Field = "SkillLevelReason" };
        _skillLevelChanges.Add(SkillLevelChange.ByManager(this, SkillLevel, level, why, byId, at));
        SkillLevel = level;
    }

    public void SetMonthlySalary(decimal salary)
    {
        if (salary < 0) throw new DomainException("AmountNegative") { Field = nameof(MonthlySalary) };
        if (decimal.Round(salary, 2) != salary) throw new DomainException("AmountCents") { Field = nameof(MonthlySalary) };
        MonthlySalary = salary;
    }

    /// <summary>
    /// HR-2: the deposit, <paramref name="months"/> months' salary, is held once, when the person starts (or when a salary
    /// is first known). Needs <see cref="Deposits"/> loaded for a saved person.
    /// </summary>
    public DepositEntry? HoldDeposit(decimal months, string policyVersion, DateTimeOffset at)
    {
        if (MonthlySalary <= 0 || months <= 0 || _deposits.Any(d => d.Kind == DepositEntryKind.Held)) return null;
        var entry = new DepositEntry(this, DepositEntryKind.Held, decimal.Round(MonthlySalary * months, 2), policyVersion, "DepositHeld", at);
        _deposits.Add(entry);
        return entry;
    }

    /// <summary>The deposit still held (needs <see cref="Deposits"/> loaded).</summary>
    public decimal DepositBalance => DepositEntry.Balance(_deposits);

    /// <summary>
    /// HR-2: leaving within <paramref name="forfeitWithinDays"/> days of the hire date (counted to the last day) forfeits
    /// what is held; otherwise it is refunded. Needs <see cref="Deposits"/> loaded.
    /// </summary>
    public DepositEntry? SettleDeposit(DateOnly lastDay, int forfeitWithinDays, string policyVersion, DateTimeOffset at)
    {
        var balance = DepositBalance;
        if (balance == 0) return null;
        var days = lastDay.DayNumber - HireDate.DayNumber;
        var forfeited = days < forfeitWithinDays;
        var entry = new DepositEntry(this, forfeited ? DepositEntryKind.Forfeited : DepositEntryKind.Refunded, balance, policyVersion,
            forfeited ? "DepositForfeited" : "DepositRefunded", at) { Days = days };
        _deposits.Add(entry);
        return entry;
    }

    public void ChangeHireDate(DateOnly hireDate) => HireDate = hireDate;

    /// <summary>SCH-4: where the technician's working day starts and ends (home or base), for the dispatcher's travel times.</summary>
    public decimal? HomeLatitude { get; private set; }
    public decimal? HomeLongitude { get; private set; }

    public void SetHome(decimal? latitude, decimal? longitude)
    {
        if (latitude is null != longitude is null)
            throw new DomainException("CoordinatesComeInPairs") { Field = latitude is null ? nameof(HomeLatitude) : nameof(HomeLongitude) };
        if (latitude is < -90 or > 90) throw new DomainException("LatitudeOutOfRange") { Field = nameof(HomeLatitude) };
        if (longitude is < -180 or > 180) throw new DomainException("LongitudeOutOfRange") { Field = nameof(HomeLongitude) };
        HomeLatitude = latitude;
        HomeLongitude = longitude;
    }


    public void Deactivate() => IsActive = false;

    public void Reactivate() => IsActive = true;

    /// <summary>Field roles work within one region; head-office roles see the whole company.</summary>
    public static bool RoleNeedsRegion(StaffRole role) =>
        role is StaffRole.Technician or StaffRole.RegionalManager or StaffRole.DeputyManager or StaffRole.Store;
}
