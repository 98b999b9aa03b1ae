using AfterSales.Features.Dispatch;

namespace AfterSales.Tests.Features;

/// <summary>
/// The dispatch map's names (DSP): technicians who live close together had their names written over each other and over
/// the scale. Each name now goes beside its point where it overlaps nothing, inside the map.
/// </summary>
public sealed class DispatchMapLabelsTests
{
    private static readonly MapLabels.Box Map = new(0, 0, 100, 80);

    [Fact]
    public void A_name_with_room_goes_to_the_right_of_its_point()
    {
        var placed = Assert.Single(MapLabels.Place([(50, 40, "吴磊")], 3, 1, Map, []));
        Assert.True(placed.Box.Left > 50);
        Assert.InRange((placed.Box.Top + placed.Box.Bottom) / 2, 39, 41);
        Assert.False(placed.Far);
        Assert.Equal(6, MapLabels.Width("吴磊", 3), 3);
        Assert.Equal(3.6, MapLabels.Width("AB", 3), 3);
    }

    [Fact]
    public void Names_of_people_living_close_together_overlap_neither_each_other_nor_the_scale_nor_the_edge()
    {
        // Four homes within a few hundred metres of each other in the bottom left corner, beside the scale's text.
        var scale = new MapLabels.Box(2, 70, 14, 76);
        (double, double, string)[] homes = [(3, 77, "刘洋"), (20, 77.5, "周杰"), (20.5, 77, "张伟"), (21, 76.5, "Zhang Wei")];
        var placed = MapLabels.Place(homes, 3, 1, Map, [scale]);

        Assert.Equal(4, placed.Count);
        Assert.All(placed, p => Assert.True(p.Box.Inside(Map), $"{p.Box} leaves the map"));
        Assert.All(placed, p => Assert.False(p.Box.Overlaps(scale), $"{p.Box} covers the scale"));
        for (var i = 0; i < placed.Count; i++)
            for (var j = i + 1; j < placed.Count; j++)
                Assert.False(placed[i].Box.Overlaps(placed[j].Box), $"{homes[i].Item3} and {homes[j].Item3} overlap");
        // Moved away to find room: the map draws a line back to the point.
        Assert.Contains(placed, p => p.Far);
    }
}
