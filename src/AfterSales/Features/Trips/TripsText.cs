namespace AfterSales.Features.Trips;

/// <summary>Marker for the Trips area's strings (TripsText.resx, TripsText.zh-CN.resx).</summary>
public sealed class TripsText;
