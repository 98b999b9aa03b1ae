namespace AfterSales.Domain.People;

public enum DepositEntryKind
{
    Held,
    Refunded,
    Forfeited,
}

/// <summary>
/// One entry of a person's deposit ledger (HR-2, 押金): one month's salary held when they start; on leaving, refunded,
/// or forfeited if they leave within a year. Each entry names the rule and the policy version that set its amount.
/// Entries are only ever added.
/// </summary>
public class DepositEntry : Entity
{
    public const string RuleHr2 = "HR-2";

    private DepositEntry() { }

    internal DepositEntry(Staff staff, DepositEntryKind kind, decimal amount, string policyVersion, string reason, DateTimeOffset at)
    {
        Staff = staff;
        StaffId = staff.Id;
        Kind = kind;
        Amount = amount;
        PolicyVersion = policyVersion;
        Reason = reason;
        At = at;
    }

    public int StaffId { get; private set; }
    public Staff? Staff { get; private set; }
    public DepositEntryKind Kind { get; private set; }
    /// <summary>CNY, always positive; the kind says which way it goes.</summary>
    public decimal Amount { get; private set; }
    public string Rule { get; private set; } = RuleHr2;
    public string PolicyVersion { get; private set; } = "";
    /// <summary>A text key of the people area (DepositHeld, DepositRefunded, DepositForfeited).</summary>
    public string Reason { get; private set; } = "";
    /// <summary>For a settlement: the days from the hire date to the last day that decided it.</summary>
    public int? Days { get; internal set; }
    public DateTimeOffset At { get; private set; }

    public static decimal Balance(IEnumerable<DepositEntry> entries) =>
        entries.Sum(e => e.Kind == DepositEntryKind.Held ? e.Amount : -e.Amount);
}
