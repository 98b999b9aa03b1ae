namespace AfterSales.Domain.Safety;

/// <summary>Whether a step of a permit comes before the work starts (isolation) or after it is closed (restoring).</summary>
public enum PermitPhase
{
    BeforeWork,
    AfterWork,
}

/// <summary>
/// 作业许可模板 (SAF-2): the steps a permit to work walks through, in order, and the equipment kinds it is for
/// (e.g. 列车空调). Editable, so other trades (lifts, pressure vessels …) define theirs; a permit copies the steps when
/// it is opened, so editing a template never changes a permit already under way.
/// </summary>
public class PermitTemplate : Entity
{
    public const int MaxNameLength = 100;
    public const int MaxKindsLength = 300;
    private readonly List<PermitTemplateStep> _steps = [];

    private PermitTemplate() { }

    public PermitTemplate(string name, string equipmentKinds, IEnumerable<(string Title, PermitPhase Phase)> steps)
    {
        Update(name, equipmentKinds, true, steps);
    }

    public string Name { get; private set; } = "";
    /// <summary>The equipment kinds (as InstalledEquipment.Kind / Product.EquipmentKind name them) it applies to, separated by commas.</summary>
    public string EquipmentKinds { get; private set; } = "";
    public bool IsActive { get; private set; }
    public IReadOnlyCollection<PermitTemplateStep> Steps => _steps.AsReadOnly();

    public IReadOnlyList<string> Kinds => SplitKinds(EquipmentKinds);

    public static IReadOnlyList<string> SplitKinds(string? kinds) =>
        (kinds ?? "").Split([',', '，', '、', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct().ToList();

    public bool AppliesTo(IEnumerable<string?> equipmentKinds) => IsActive && equipmentKinds.Any(k => k is not null && Kinds.Contains(k));

    public void Update(string name, string equipmentKinds, bool isActive, IEnumerable<(string Title, PermitPhase Phase)> steps)
    {
        Name = Guard.Required(name, nameof(Name));
        if (Name.Length > MaxNameLength) throw new DomainException("TextTooLong", MaxNameLength) { Field = nameof(Name) };
        var kinds = SplitKinds(equipmentKinds);
        if (kinds.Count == 0) throw new DomainException("Required") { Field = nameof(EquipmentKinds) };
        EquipmentKinds = string.Join("、", kinds);
        if (EquipmentKinds.Length > MaxKindsLength) throw new DomainException("TextTooLong", MaxKindsLength) { Field = nameof(EquipmentKinds) };
        var list = steps.Where(s => !string.IsNullOrWhiteSpace(s.Title)).ToList();
        if (list.All(s => s.Phase != PermitPhase.BeforeWork)) throw new DomainException("PermitTemplateNeedsSteps") { Field = "Steps" };
        // Restoring steps come after the isolation steps: a list that mixes them is refused rather than reordered.
        if (list.SkipWhile(s => s.Phase == PermitPhase.BeforeWork).Any(s => s.Phase == PermitPhase.BeforeWork))
            throw new DomainException("PermitTemplatePhasesOutOfOrder") { Field = "Steps" };
        IsActive = isActive;
        _steps.Clear();
        _steps.AddRange(list.Select((s, i) => new PermitTemplateStep(this, i + 1, s.Title, s.Phase)));
    }
}

public class PermitTemplateStep : Entity
{
    public const int MaxTitleLength = 200;

    private PermitTemplateStep() { }

    internal PermitTemplateStep(PermitTemplate template, int position, string title, PermitPhase phase)
    {
        Template = template;
        Position = position;
        Title = Guard.Required(title, "Steps");
        if (Title.Length > MaxTitleLength) throw new DomainException("TextTooLong", MaxTitleLength) { Field = "Steps" };
        Phase = phase;
    }

    public int TemplateId { get; private set; }
    public PermitTemplate Template { get; private set; } = null!;
    public int Position { get; private set; }
    public string Title { get; private set; } = "";
    public PermitPhase Phase { get; private set; }
}
