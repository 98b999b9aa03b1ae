namespace AfterSales.Features.Attendance;

/// <summary>Marker for the Attendance area's strings (AttendanceText.resx, AttendanceText.zh-CN.resx).</summary>
public sealed class AttendanceText;
