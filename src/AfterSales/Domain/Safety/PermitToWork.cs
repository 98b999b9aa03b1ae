namespace AfterSales.Domain.Safety;

/// <summary>Where a permit stands, as the supervisor's list shows it.</summary>
public enum PermitState
{
    /// <summary>Isolation steps under way; the work may not start.</summary>
    Isolating,
    /// <summary>Every isolation step done and the protective equipment confirmed: work under way.</summary>
    Working,
    /// <summary>Work closed out; grounding rod and power still to be restored.</summary>
    Restoring,
    /// <summary>Everything restored.</summary>
    Finished,
}

/// <summary>What became of the waste oil of the job (SAF-3): to the hazardous-goods store, never the drain.</summary>
public enum WasteOil
{
    NoneProduced,
    HandedToStore,
}

/// <summary>
/// 作业许可 (SAF-2, SAF-3): the permit to work of one job at a maintenance base. Its steps are recorded one after the
/// other, each with who, when and a photo; the work may start only when every isolation step is done and the
/// protective equipment is confirmed; the restoring steps (grounding rod removed, power restored) only after the
/// close-out 工完料尽场地清 with the waste oil handed over. A permit is one visit's: a technician who must leave the base
/// before the job is done interrupts it (why, the site cleared and clean, the waste oil), restores what was isolated,
/// and the next visit opens a new permit and isolates again.
/// </summary>
public class PermitToWork : Entity
{
    public const int MaxNoteLength = 500;
    private readonly List<PermitStep> _steps = [];

    private PermitToWork() { }

    public PermitToWork(int workOrderId, int siteId, int regionId, PermitTemplate template, DateTimeOffset openedAt)
    {
        WorkOrderId = workOrderId;
        SiteId = siteId;
        RegionId = regionId;
        TemplateId = template.Id;
        TemplateName = template.Name;
        OpenedAt = openedAt;
        _steps.AddRange(template.Steps.OrderBy(s => s.Position).Select(s => new PermitStep(this, s.Position, s.Title, s.Phase)));
    }

    public int WorkOrderId { get; private set; }
    public int SiteId { get; private set; }
    public int RegionId { get; private set; }
    public int TemplateId { get; private set; }
    public string TemplateName { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>SAF-3: 劳防用品 worn, confirmed by the technician before the work starts.</summary>
    public DateTimeOffset? ProtectiveEquipmentAt { get; private set; }
    public int? ProtectiveEquipmentById { get; private set; }

    public DateTimeOffset? WorkStartedAt { get; private set; }
    public int? WorkStartedById { get; private set; }

    /// <summary>SAF-3: the close-out 工完料尽场地清 and where the waste oil went.</summary>
    public DateTimeOffset? ClosedOutAt { get; private set; }
    public int? ClosedOutById { get; private set; }
    public WasteOil? WasteOil { get; private set; }
    /// <summary>Who at the hazardous-goods store took the waste oil, and how much.</summary>
    public string? WasteOilNote { get; private set; }

    /// <summary>Why the work stopped before the job was done; set, the close-out above is the interruption's.</summary>
    public string? InterruptedReason { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public IReadOnlyCollection<PermitStep> Steps => _steps.AsReadOnly();

    public PermitState State => FinishedAt is not null ? PermitState.Finished
        : ClosedOutAt is not null ? PermitState.Restoring
        : WorkStartedAt is not null ? PermitState.Working
        : PermitState.Isolating;

    /// <summary>The step to record next, if any.</summary>
    public PermitStep? NextStep => _steps.Where(s => s.DoneAt is null && IsNeeded(s)).MinBy(s => s.Position);

    /// <summary>
    /// Every step, until the work is interrupted: then the isolation steps not done are no longer needed, and the
    /// restoring steps only if something was isolated.
    /// </summary>
    public bool IsNeeded(PermitStep step) => InterruptedReason is null || (step.Phase == PermitPhase.AfterWork && IsolationBegun);

    private bool IsolationBegun => _steps.Any(s => s.Phase == PermitPhase.BeforeWork && s.DoneAt is not null);

    public bool WorkMayStart => ProtectiveEquipmentAt is not null && _steps.Where(s => s.Phase == PermitPhase.BeforeWork).All(s => s.DoneAt is not null);

    /// <summary>
    /// Records one step. Only the next one in order: a step out of order is refused naming the one that comes first; a
    /// restoring step is refused until the work is closed out.
    /// </summary>
    public PermitStep RecordStep(int stepId, DateTimeOffset at, int staffId, WorkOrders.VisitPhoto photo, string? note)
    {
        var step = _steps.SingleOrDefault(s => s.Id == stepId) ?? throw new NotFoundException();
        if (step.DoneAt is not null) throw new ConflictException("PermitStepAlreadyDone", step.Title);
        if (!IsNeeded(step)) throw new ConflictException("PermitStepAfterInterruption", step.Title);
        var next = NextStep!;
        if (step.Phase == PermitPhase.AfterWork) RestoreOnlyAfterCloseOut.Check(this, step);
        if (next.Position != step.Position) throw new ConflictException("PermitStepOutOfOrder", step.Title, next.Title);
        step.Record(at, staffId, photo, note);
        if (_steps.Where(IsNeeded).All(s => s.DoneAt is not null)) FinishedAt = at;
        return step;
    }

    public void ConfirmProtectiveEquipment(DateTimeOffset at, int staffId)
    {
        NotInterrupted();
        if (WorkStartedAt is not null) throw new ConflictException("PermitWorkAlreadyStarted");
        ProtectiveEquipmentAt = at;
        ProtectiveEquipmentById = staffId;
    }

    /// <summary>SAF-2: refused until every isolation step is recorded and the protective equipment confirmed.</summary>
    public void StartWork(DateTimeOffset at, int staffId)
    {
        NotInterrupted();
        if (WorkStartedAt is not null) throw new ConflictException("PermitWorkAlreadyStarted");
        WorkCannotStartBeforeIsolation.Check(this);
        WorkStartedAt = at;
        WorkStartedById = staffId;
    }

    /// <summary>
    /// SAF-3: 工完料尽场地清 — the work done, the materials used up or taken away, the site clean — and the waste oil to the
    /// hazardous-goods store (who took it) or none produced. Only once the job's work is finished.
    /// </summary>
    public void CloseOut(DateTimeOffset at, int staffId, bool workDone, bool materialsCleared, bool siteClean, WasteOil? wasteOil, string? wasteOilNote,
        bool jobFinished)
    {
        NotInterrupted();
        if (WorkStartedAt is null) throw new ConflictException("PermitCloseOutBeforeStart");
        if (ClosedOutAt is not null) throw new ConflictException("PermitAlreadyClosedOut");
        if (!jobFinished) throw new ConflictException("PermitCloseOutBeforeJobDone");
        if (!(workDone && materialsCleared && siteClean)) throw new DomainException("PermitCloseOutIncomplete") { Field = "CloseOut" };
        ClearSite(at, staffId, wasteOil, wasteOilNote);
    }

    /// <summary>
    /// The work stops before the job is done (parts missing, the vehicle company takes the train back …): why, and the
    /// site left as at a close-out — materials taken away, the site clean, the waste oil handed over. The power then
    /// comes back through the restoring steps; with nothing isolated yet, the permit ends here. The next visit opens a
    /// new permit.
    /// </summary>
    public void Interrupt(DateTimeOffset at, int staffId, string? reason, bool materialsCleared, bool siteClean, WasteOil? wasteOil, string? wasteOilNote)
    {
        NotInterrupted();
        if (ClosedOutAt is not null) throw new ConflictException("PermitAlreadyClosedOut");
        var why = Guard.Optional(reason) ?? throw new DomainException("Required") { Field = "Reason" };
        if (why.Length > MaxNoteLength) throw new DomainException("TextTooLong", MaxNoteLength) { Field = "Reason" };
        if (!(materialsCleared && siteClean)) throw new DomainException("PermitInterruptionSiteNotCleared") { Field = "CloseOut" };
        ClearSite(at, staffId, wasteOil, wasteOilNote);
        InterruptedReason = why;
        if (!IsolationBegun) FinishedAt = at;
    }

    private void ClearSite(DateTimeOffset at, int staffId, WasteOil? wasteOil, string? wasteOilNote)
    {
        if (wasteOil is null) throw new DomainException("Required") { Field = nameof(WasteOil) };
        var note = Guard.Optional(wasteOilNote);
        if (wasteOil == Safety.WasteOil.HandedToStore && note is null) throw new DomainException("WasteOilReceiverRequired") { Field = nameof(WasteOilNote) };
        if (note?.Length > MaxNoteLength) throw new DomainException("TextTooLong", MaxNoteLength) { Field = nameof(WasteOilNote) };
        ClosedOutAt = at;
        ClosedOutById = staffId;
        WasteOil = wasteOil;
        WasteOilNote = note;
    }

    private void NotInterrupted()
    {
        if (InterruptedReason is not null) throw new ConflictException("PermitInterrupted");
    }
}

public class PermitStep : Entity
{
    private PermitStep() { }

    internal PermitStep(PermitToWork permit, int position, string title, PermitPhase phase)
    {
        Permit = permit;
        Position = position;
        Title = title;
        Phase = phase;
    }

    public int PermitId { get; private set; }
    public PermitToWork Permit { get; private set; } = null!;
    public int Position { get; private set; }
    public string Title { get; private set; } = "";
    public PermitPhase Phase { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public int? DoneById { get; private set; }
    /// <summary>The photo, stored with the job's visit photos.</summary>
    public int? PhotoId { get; private set; }
    public WorkOrders.VisitPhoto? Photo { get; private set; }
    public string? Note { get; private set; }

    internal void Record(DateTimeOffset at, int staffId, WorkOrders.VisitPhoto photo, string? note)
    {
        Note = Guard.Optional(note);
        if (Note?.Length > PermitToWork.MaxNoteLength) throw new DomainException("TextTooLong", PermitToWork.MaxNoteLength) { Field = nameof(Note) };
        DoneAt = at;
        DoneById = staffId;
        Photo = photo;
    }
}
