namespace AfterSales.Features.Dispatch;

/// <summary>
/// Where the map's name labels go: beside their point, on the first side where they overlap neither a label already
/// placed nor anything else drawn as text (the scale), and stay inside the map. Technicians who live close together
/// otherwise had their names written over each other. Sizes are estimated from the text: a Chinese character is about
/// as wide as the font is high, a Latin letter or digit a little over half.
/// </summary>
public static class MapLabels
{
    public sealed record Box(double Left, double Top, double Right, double Bottom)
    {
        public bool Overlaps(Box other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

        public bool Inside(Box bounds) => Left >= bounds.Left && Right <= bounds.Right && Top >= bounds.Top && Bottom <= bounds.Bottom;

        public double OverlapArea(Box other) =>
            Math.Max(0, Math.Min(Right, other.Right) - Math.Max(Left, other.Left)) * Math.Max(0, Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top));
    }

    /// <summary>
    /// A label's text baseline start (for SVG <c>text x y</c>) and the box it takes. <paramref name="Far"/>: moved away
    /// from its point to find room, so the map draws a thin line from the point to it.
    /// </summary>
    public sealed record Placed(double X, double Y, Box Box, bool Far = false);

    public static double Width(string text, double fontSize) => text.Sum(c => c < 0x2E80 ? 0.6 : 1.0) * fontSize;

    /// <summary>
    /// One placement per point, in order. <paramref name="gap"/> is the marker's half size: labels keep clear of it. A
    /// label that fits nowhere free goes where it overlaps least.
    /// </summary>
    public static IReadOnlyList<Placed> Place(IReadOnlyList<(double X, double Y, string Text)> points, double fontSize, double gap, Box bounds,
        IEnumerable<Box> taken)
    {
        var occupied = taken.ToList();
        var placed = new List<Placed>(points.Count);
        foreach (var (x, y, text) in points)
        {
            var width = Width(text, fontSize);
            var candidates = Candidates(x, y, width, fontSize, gap).ToList();
            var best = candidates.FirstOrDefault(c => c.Box.Inside(bounds) && !occupied.Any(o => o.Overlaps(c.Box)))
                ?? candidates.MinBy(c => occupied.Sum(o => o.OverlapArea(c.Box)) + (c.Box.Inside(bounds) ? 0 : width * fontSize))!;
            occupied.Add(best.Box);
            placed.Add(best);
        }
        return placed;
    }

    /// <summary>Right, left, below, above the point; then further out below and above, row by row.</summary>
    private static IEnumerable<Placed> Candidates(double x, double y, double width, double fontSize, double gap)
    {
        Placed At(double left, double baseline, bool far = false) =>
            new(left, baseline, new Box(left, baseline - fontSize * 0.85, left + width, baseline + fontSize * 0.2), far);
        var middle = y + fontSize * 0.32;
        yield return At(x + gap * 1.4, middle);
        yield return At(x - gap * 1.4 - width, middle);
        yield return At(x - width / 2, y + gap + fontSize * 0.95);
        yield return At(x - width / 2, y - gap - fontSize * 0.25);
        for (var row = 1; row <= 6; row++)
        {
            var down = middle + row * fontSize * 1.1;
            var up = middle - row * fontSize * 1.1;
            yield return At(x + gap * 1.4, down, true);
            yield return At(x + gap * 1.4, up, true);
            yield return At(x - gap * 1.4 - width, down, true);
            yield return At(x - gap * 1.4 - width, up, true);
        }
    }
}
