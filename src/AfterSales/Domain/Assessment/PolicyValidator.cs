namespace AfterSales.Domain.Assessment;

/// <summary>Every check a policy document must pass before it can be saved, submitted or used; each error names its field.</summary>
internal sealed class PolicyValidator(PolicyDocument document)
{
    private static readonly string[] Periods = ["month", "employment", "reworkWindow"];
    private static readonly string[] RepairClasses = ["minor", "medium", "major"];
    private readonly List<PolicyError> _errors = [];

    public List<PolicyError> Check()
    {
        if (string.IsNullOrWhiteSpace(document.Name)) Error("name", "Policy.Required");
        NonNegative("bonusBase", document.BonusBase);
        if (document.ReworkWindowDays is < 1 or > 3650) Error("reworkWindowDays", "Policy.OutOfRange", 1, 3650);
        foreach (var kind in PolicyDocument.KnownKinds.Where(k => !document.Kinds.ContainsKey(k) && !PolicyDocument.OptionalKinds.Contains(k)))
            Error($"kinds.{kind}", "Policy.KindMissing");
        foreach (var (code, kind) in document.Kinds)
        {
            var path = $"kinds.{code}";
            if (!PolicyDocument.KnownKinds.Contains(code)) Error(path, "Policy.KindUnknown", string.Join(", ", PolicyDocument.KnownKinds));
            if (kind is null)
            {
                Error(path, "Policy.Required");
                continue;
            }
            CheckKind(path, kind);
        }
        CheckRanking();
        CheckYearEnd();
        CheckDailyReport();
        CheckTravel();
        CheckInventory();
        CheckSalesLead();
        CheckPeople();
        return _errors;
    }

    private void CheckKind(string path, KindPolicy kind)
    {
        if (string.IsNullOrWhiteSpace(kind.Rule)) Error($"{path}.rule", "Policy.Required");
        if (!Periods.Contains(kind.Period)) Error($"{path}.period", "Policy.OneOf", string.Join(", ", Periods));
        if (kind.Steps.Count == 0) Error($"{path}.steps", "Policy.StepsMissing");
        for (var i = 0; i < kind.Steps.Count; i++) CheckOutcome($"{path}.steps[{i}]", kind.Steps[i]);
        if (kind.Serious is { } serious) CheckOutcome($"{path}.serious", serious);
        if (kind.FalseReport is { } falseReport) CheckOutcome($"{path}.falseReport", falseReport);
        if (kind.ManagerCoPenalty is { } coPenalty)
        {
            CheckOutcome($"{path}.managerCoPenalty", coPenalty);
            if (coPenalty.BonusRange is not null || coPenalty.PayRange is not null || coPenalty.PayIncidentAmount || coPenalty.PayMultipleOfAmount is not null)
                Error($"{path}.managerCoPenalty", "Policy.CoPenaltyFixedOnly");
        }
        if (kind.NotRestored is { } restoration)
        {
            if (restoration.WithinHours <= 0) Error($"{path}.notRestored.withinHours", "Policy.MustBePositive");
            if ((restoration.Replace is null) == (restoration.Add is null)) Error($"{path}.notRestored", "Policy.ReplaceOrAdd");
            if (restoration.Replace is { } replace) CheckOutcome($"{path}.notRestored.replace", replace);
            if (restoration.Add is { } add) CheckOutcome($"{path}.notRestored.add", add);
        }
        foreach (var (repairClass, i) in (kind.RepairClasses ?? []).Select((c, i) => (c, i)))
            if (!RepairClasses.Contains(repairClass)) Error($"{path}.repairClasses[{i}]", "Policy.OneOf", string.Join(", ", RepairClasses));
        if (kind.SkillLevelDown is { } skill)
        {
            if (skill.Count < 1) Error($"{path}.skillLevelDown.count", "Policy.MustBePositive");
            if (!Periods.Contains(skill.Period) || skill.Period == "reworkWindow")
                Error($"{path}.skillLevelDown.period", "Policy.OneOf", "month, employment");
        }
        if (!kind.Waivable && kind.WaiverNeedsEvidence) Error($"{path}.waiverNeedsEvidence", "Policy.WaiverContradiction");
    }

    private void CheckOutcome(string path, Outcome outcome)
    {
        NonNegative($"{path}.bonus", outcome.Bonus);
        NonNegative($"{path}.pay", outcome.Pay);
        NonNegative($"{path}.reward", outcome.Reward);
        NonNegative($"{path}.payMultipleOfAmount", outcome.PayMultipleOfAmount);
        CheckRange($"{path}.bonusRange", outcome.BonusRange);
        CheckRange($"{path}.payRange", outcome.PayRange);
        if (outcome.Bonus is not null && outcome.BonusRange is not null) Error($"{path}.bonusRange", "Policy.AmountAndRange");
        if (outcome.Pay is not null && outcome.PayRange is not null) Error($"{path}.payRange", "Policy.AmountAndRange");
        foreach (var (flag, i) in (outcome.Flags ?? []).Select((f, i) => (f, i)))
            if (!PolicyDocument.KnownFlags.Contains(flag)) Error($"{path}.flags[{i}]", "Policy.OneOf", string.Join(", ", PolicyDocument.KnownFlags));
    }

    private void CheckRange(string path, AmountRange? range)
    {
        if (range is null) return;
        NonNegative($"{path}.min", range.Min);
        NonNegative($"{path}.max", range.Max);
        if (range.Min > range.Max) Error(path, "Policy.RangeReversed");
    }

    private void CheckRanking()
    {
        var ranking = document.Ranking;
        var weights = ranking.Weights;
        foreach (var (name, value) in new[] { ("location", weights.Location), ("work", weights.Work), ("feedback", weights.Feedback),
                     ("complaints", weights.Complaints), ("incidents", weights.Incidents) })
            NonNegative($"ranking.weights.{name}", value);
        if (weights.Sum() <= 0) Error("ranking.weights", "Policy.WeightsZero");
        for (var i = 0; i < ranking.TopRewards.Count; i++) NonNegative($"ranking.topRewards[{i}]", ranking.TopRewards[i]);
        for (var i = 0; i < ranking.BottomPenalties.Count; i++) NonNegative($"ranking.bottomPenalties[{i}]", ranking.BottomPenalties[i]);
        if (ranking.MinimumForBoth < ranking.TopRewards.Count + ranking.BottomPenalties.Count)
            Error("ranking.minimumForBoth", "Policy.AtLeast", ranking.TopRewards.Count + ranking.BottomPenalties.Count);
    }

    private void CheckYearEnd()
    {
        var yearEnd = document.YearEnd;
        if (yearEnd.ConsecutiveMonths is < 1 or > 12) Error("yearEnd.consecutiveMonths", "Policy.OutOfRange", 1, 12);
        if (yearEnd.TotalMonths is < 1 or > 12) Error("yearEnd.totalMonths", "Policy.OutOfRange", 1, 12);
        NonNegative("yearEnd.topBonus", yearEnd.TopBonus);
        NonNegative("yearEnd.bottomPenalty", yearEnd.BottomPenalty);
    }

    private void CheckDailyReport()
    {
        if (document.DailyReport is not { } daily)
        {
            Error("dailyReport", "Policy.Required");
            return;
        }
        var startRead = DailyReportPolicy.TryTime(daily.WindowStart, out var start);
        var endRead = DailyReportPolicy.TryTime(daily.WindowEnd, out var end);
        if (!startRead) Error("dailyReport.windowStart", "Policy.TimeOfDay");
        if (!endRead) Error("dailyReport.windowEnd", "Policy.TimeOfDay");
        if (startRead && endRead && start >= end) Error("dailyReport.windowEnd", "Policy.WindowReversed");
    }

    private void CheckTravel()
    {
        if (document.Travel is not { } travel)
        {
            Error("travel", "Policy.Required");
            return;
        }
        foreach (var (path, code, arguments) in travel.Problems()) Error($"travel.{path}", code, arguments);
    }

    private void CheckInventory()
    {
        if (document.Inventory is not { } inventory)
        {
            Error("inventory", "Policy.Required");
            return;
        }
        if (inventory.PartReturnDays is < 1 or > 365) Error("inventory.partReturnDays", "Policy.OutOfRange", 1, 365);
    }

    private void CheckSalesLead()
    {
        if (document.SalesLead is not { } lead)
        {
            Error("salesLead", "Policy.Required");
            return;
        }
        NonNegative("salesLead.rewardMin", lead.RewardMin);
        NonNegative("salesLead.rewardMax", lead.RewardMax);
        if (lead.RewardMin <= 0 || lead.RewardMin > lead.RewardMax) Error("salesLead", "Policy.SalesLeadRange");
    }

    private void CheckPeople()
    {
        if (document.People is not { } people)
        {
            Error("people", "Policy.Required");
            return;
        }
        if (people.DepositMonths is < 0 or > 12) Error("people.depositMonths", "Policy.OutOfRange", 0, 12);
        if (people.DepositForfeitWithinDays is < 0 or > 3650) Error("people.depositForfeitWithinDays", "Policy.OutOfRange", 0, 3650);
        if (people.ResignationNoticeDays is < 0 or > 365) Error("people.resignationNoticeDays", "Policy.OutOfRange", 0, 365);
    }

    private void NonNegative(string path, decimal? amount)
    {
        if (amount is not { } value) return;
        if (value < 0) Error(path, "Policy.Negative");
        else if (decimal.Round(value, 2) != value) Error(path, "Policy.Cents");
    }

    private void Error(string path, string code, params object[] arguments) => _errors.Add(new PolicyError(path, code, arguments));
}
