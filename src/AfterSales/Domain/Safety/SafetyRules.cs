namespace AfterSales.Domain.Safety;

/// <summary>SAF-1: no check-in at a maintenance base without a safety agreement valid on the day.</summary>
public static class NoCheckInAtBaseWithoutValidAgreement
{
    public static void Check(bool isMaintenanceBase, IEnumerable<(DateOnly SignedOn, DateOnly ValidUntil)> agreements, DateOnly today)
    {
        if (!isMaintenanceBase) return;
        var list = agreements.ToList();
        if (list.Any(a => a.SignedOn <= today && today <= a.ValidUntil)) return;
        if (list.Count > 0 && list.Max(a => a.ValidUntil) is var latest && latest < today)
            throw new ConflictException("SafetyAgreementExpired", latest.ToString("yyyy-MM-dd"));
        throw new ConflictException("SafetyAgreementMissing");
    }
}

/// <summary>SAF-2: the work may not start until every isolation step is recorded and the protective equipment is confirmed (SAF-3).</summary>
public static class WorkCannotStartBeforeIsolation
{
    public static void Check(PermitToWork permit)
    {
        var missing = permit.Steps.Where(s => s.Phase == PermitPhase.BeforeWork && s.DoneAt is null).MinBy(s => s.Position);
        if (missing is not null) throw new ConflictException("PermitWorkBeforeIsolation", missing.Title);
        if (permit.ProtectiveEquipmentAt is null) throw new ConflictException("PermitWorkBeforeProtectiveEquipment");
    }

    /// <summary>The job's own work (measurements, tests, completion) waits for the permit's work start.</summary>
    public static void CheckStarted(PermitToWork? permit)
    {
        if (permit?.InterruptedReason is not null) throw new ConflictException("PermitInterrupted");
        if (permit is null || permit.WorkStartedAt is not null) return;
        Check(permit);
        throw new ConflictException("PermitWorkNotStarted");
    }
}

/// <summary>SAF-2: the grounding rod comes off and the power comes back only after the work is closed out.</summary>
public static class RestoreOnlyAfterCloseOut
{
    public static void Check(PermitToWork permit, PermitStep step)
    {
        if (permit.ClosedOutAt is null) throw new ConflictException("PermitRestoreBeforeCloseOut", step.Title);
    }
}

/// <summary>The technician leaves the base only with the power restored: the permit must be finished before check-out.</summary>
public static class NoCheckOutWithPermitOpen
{
    public static void Check(PermitToWork? permit)
    {
        if (permit is null || permit.FinishedAt is not null) return;
        throw new ConflictException("PermitOpenAtCheckOut", permit.NextStep?.Title ?? "");
    }

    /// <summary>Leaving with the job not done: the permit is interrupted and what was isolated restored first.</summary>
    public static void CheckLeavingUnfinished(PermitToWork? permit)
    {
        if (permit is null || permit.FinishedAt is not null) return;
        if (permit.InterruptedReason is null) throw new ConflictException("PermitOpenAtLeaving");
        throw new ConflictException("PermitOpenAtCheckOut", permit.NextStep?.Title ?? "");
    }
}
