namespace AfterSales.Domain.WorkOrders;

/// <summary>WO-7: 小修 minor, 中修 medium, 大修 major.</summary>
public enum RepairClass
{
    Minor,
    Medium,
    Major,
}

/// <summary>The labour a repair takes: hours on site and the people doing it.</summary>
public sealed record Labour(decimal Hours, int People)
{
    public decimal PersonDays(decimal workdayHours) => Hours * People / workdayHours;
}

/// <summary>
/// WO-7 as a rule: minor is one person for less than the minor limit (4 h) with a known cause; major is more
/// than the medium limit (2 person-days) or several people (3 or more); everything between, or a minor job whose
/// cause is unclear, is medium. The limits are policy.
/// </summary>
public static class RepairClassificationRule
{
    public static RepairClass Classify(Labour labour, bool causeUnclear, WorkOrderPolicy policy)
    {
        if (labour.Hours <= 0) throw new DomainException("LabourHoursMustBePositive") { Field = "Hours" };
        if (labour.People <= 0) throw new DomainException("LabourPeopleMustBePositive") { Field = "People" };
        if (labour.People >= policy.MajorRepairMinPeople || labour.PersonDays(policy.WorkdayHours) > policy.MediumRepairMaxPersonDays)
            return RepairClass.Major;
        if (labour.People == 1 && labour.Hours < policy.MinorRepairMaxHours && !causeUnclear)
            return RepairClass.Minor;
        return RepairClass.Medium;
    }
}

/// <summary>
/// WO-8 as a rule: a repair is a rework of the latest earlier repair on the same equipment for the same cause that
/// was completed within the policy's window (90 days) before the new job arrived.
/// </summary>
public static class ReworkRule
{
    public sealed record EarlierRepair(int WorkOrderId, DateTimeOffset CompletedAt);

    public static int? EarlierJob(DateTimeOffset received, IEnumerable<EarlierRepair> sameEquipmentSameCause, WorkOrderPolicy policy) =>
        sameEquipmentSameCause
            .Where(e => e.CompletedAt <= received && received - e.CompletedAt <= TimeSpan.FromDays(policy.ReworkWindowDays))
            .OrderByDescending(e => e.CompletedAt)
            .Select(e => (int?)e.WorkOrderId)
            .FirstOrDefault();
}
