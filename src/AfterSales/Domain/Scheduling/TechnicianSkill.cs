namespace AfterSales.Domain.Scheduling;

/// <summary>
/// What a person can be sent to do (SCH-1, used by dispatch SCH-4): a tag such as a product category ("卫浴", "列车空调").
/// Besides their grade (<see cref="People.Staff.SkillLevel"/>); a person has each tag once.
/// </summary>
public class TechnicianSkill : Entity
{
    public const int MaxLength = 50;
    public const int MaxPerPerson = 20;

    private TechnicianSkill() { }

    public TechnicianSkill(int staffId, string name)
    {
        StaffId = staffId;
        Name = Normalize([Guard.Required(name, "Skills")]).Single();
    }

    public int StaffId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The tags as they are kept: trimmed, without blanks or repeats (ignoring case), in the order given.</summary>
    public static List<string> Normalize(IEnumerable<string?> names)
    {
        var tags = names.Select(Guard.Optional).OfType<string>().DistinctBy(n => n.ToUpperInvariant()).ToList();
        if (tags.FirstOrDefault(t => t.Length > MaxLength) is { } tooLong) throw new DomainException("SkillTooLong", tooLong, MaxLength) { Field = "Skills" };
        if (tags.Count > MaxPerPerson) throw new DomainException("TooManySkills", MaxPerPerson) { Field = "Skills" };
        return tags;
    }
}
