namespace AfterSales.Features.Assessment;

/// <summary>Marker for the assessment area's strings (AssessmentText.resx, AssessmentText.zh-CN.resx).</summary>
public sealed class AssessmentText;
