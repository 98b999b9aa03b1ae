namespace AfterSales.Features.Schedule;

/// <summary>Marker for the Schedule area's strings (ScheduleText.resx, ScheduleText.zh-CN.resx).</summary>
public sealed class ScheduleText;
