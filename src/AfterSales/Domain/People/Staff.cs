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
    }

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

    public void SetSkillLevel(int level)
    {
        if (level is < LowestSkillLevel or > HighestSkillLevel)
            throw new DomainException("SkillLevelOutOfRange", LowestSkillLevel, HighestSkillLevel) { Field = nameof(SkillLevel) };
        SkillLevel = level;
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
