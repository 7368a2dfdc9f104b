using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SmartCity.Domain.Tests.Properties;

/// <summary>The test generators' draws: what they read, and a shrinker that always terminates.</summary>
public class DrawsProperties
{
    private static readonly Gen<int[]> Values = Gen.Choose(0, 40).SelectMany(n => Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(0, int.MaxValue - 1))).ArrayOf(n));

    [Property(MaxTest = 300)]
    public Property EveryShrinkCandidate_IsSmaller_SoShrinkingEnds() =>
        Prop.ForAll(Values.ToArbitrary(), values =>
        {
            var key = Key(values);
            return Draws.Shrink(new Draws(values)).All(c => Compare(Key(Read(c)), key) < 0);
        });

    [Property(MaxTest = 300)]
    public Property TheReader_KeepsEveryChoiceInRange_AndReadsZerosAfterTheDraws() =>
        Prop.ForAll(Values.ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), (values, n) =>
        {
            var rng = new Draws(values).Open();
            var ok = true;
            for (var i = 0; i < values.Length; i++)
            {
                var k = rng.Next(n);
                var d = rng.NextDouble();
                var r = rng.Next(-n, n);
                ok &= k >= 0 && k < n && d is >= 0 and < 1 && r >= -n && r < n;
            }

            // Each draw above read three values; from the end of the list every choice is the first option.
            var after = new Draws(values).Open();
            for (var i = 0; i < values.Length; i++)
            {
                after.Next();
            }

            return ok && after.Next(n) == 0 && after.NextDouble() == 0 && after.Next(3, 9) == 3;
        });

    // The length without trailing zeros (which read as zeros anyway), the sum, then the whole length: every candidate
    // is smaller in this order, so a shrink cannot cycle.
    private static (int Length, long Sum, int Count) Key(int[] v)
    {
        var length = v.Length;
        while (length > 0 && v[length - 1] == 0)
        {
            length--;
        }

        return (length, v.Sum(x => (long)x), v.Length);
    }

    private static int Compare((int Length, long Sum, int Count) a, (int Length, long Sum, int Count) b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.Sum != b.Sum ? a.Sum.CompareTo(b.Sum) : a.Count.CompareTo(b.Count);

    private static int[] Read(Draws d)
    {
        var rng = d.Open();
        return [.. Enumerable.Range(0, d.Count).Select(_ => rng.Next())];
    }
}
