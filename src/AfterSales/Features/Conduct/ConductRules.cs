namespace AfterSales.Features.Conduct;

/// <summary>HR-5: the conduct rules shown with the policy (their words are ConductText Rule1…RuleN, from the source's 14th rule and 市场纪律).</summary>
public static class ConductRules
{
    public const int Count = 6;
}
