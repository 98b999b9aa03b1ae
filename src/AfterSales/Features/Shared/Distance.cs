namespace AfterSales.Features.Shared;

/// <summary>A distance as people read it on a page: metres when close, kilometres with one decimal beyond.</summary>
public static class Distance
{
    public static string Text(double meters) => meters < 1000 ? $"{meters:F0} m" : $"{meters / 1000:F1} km";
}
