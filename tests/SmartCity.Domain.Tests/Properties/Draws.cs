using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace SmartCity.Domain.Tests.Properties;

/// <summary>
/// The random choices of a test generator as data that FsCheck generates and shrinks: a list of non-negative integers
/// read one per choice, then zeros once it is used up. The generators of the suite (<see cref="RandomFrameworks"/>,
/// <see cref="Scoring.RandomData"/>, <see cref="RandomEdits"/>, <see cref="InvalidEdit"/>) take a <see cref="System.Random"/>;
/// <see cref="Open"/> gives one that reads these draws, so a property that fails shrinks: to fewer draws (the rest read as
/// zero), to blocks of zeros and to smaller draws. A zero is each generator's first option; for the shape it is the
/// smallest one (a leaf rather than a group, one child, six units, no missing value), so a case shrinks toward a small
/// framework with few units — not to a smaller seed, whose case is no simpler.
/// </summary>
/// <remarks>Example tests keep <c>new Random(seed)</c>: a fixed seed is a fixed example, not a property.</remarks>
public sealed class Draws
{
    private readonly int[] _values;

    public Draws(int[] values) => _values = values;

    /// <summary>How many draws are given before the zeros.</summary>
    public int Count => _values.Length;

    /// <summary>A fresh <see cref="System.Random"/> reading these draws from the first (each call starts again).</summary>
    public System.Random Open() => new Reader(_values);

    /// <summary>Draws of up to <paramref name="maxLength"/> values (uniform over <c>[0, 2^31)</c>) with the shrinker above.</summary>
    public static Arbitrary<Draws> Arbitrary(int maxLength = 4096) =>
        Arb.From(
            from length in Gen.Choose(0, maxLength)
            from values in Gen.Choose(0, int.MaxValue - 1).ArrayOf(length)
            select new Draws(values),
            Shrink);

    /// <summary>Shorter lists first (the rest reads as zeros), then blocks set to zero, then the first non-zero draws shrunk toward zero (<see cref="AnalysisCases.Toward"/>).</summary>
    public static IEnumerable<Draws> Shrink(Draws draws)
    {
        var v = draws._values;
        var length = v.Length;
        while (length > 0 && v[length - 1] == 0)
        {
            length--;
        }

        if (length < v.Length)
        {
            yield return new Draws(v[..length]);
            yield break;
        }

        foreach (var keep in new[] { 0, length / 4, length / 2, length * 3 / 4, length - 1 }.Where(k => k >= 0 && k < length).Distinct())
        {
            yield return new Draws(v[..keep]);
        }

        for (var block = Math.Max(1, length / 2); block >= 4; block /= 2)
        {
            for (var start = 0; start + block <= length; start += block)
            {
                if (v.AsSpan(start, block).ContainsAnyExcept(0))
                {
                    var zeroed = (int[])v.Clone();
                    zeroed.AsSpan(start, block).Clear();
                    yield return new Draws(zeroed);
                }
            }
        }

        var tried = 0;
        for (var i = 0; i < length && tried < 64; i++)
        {
            if (v[i] == 0)
            {
                continue;
            }

            tried++;
            foreach (var smaller in AnalysisCases.Toward(0, v[i]))
            {
                var next = (int[])v.Clone();
                next[i] = smaller;
                yield return new Draws(next);
            }
        }
    }

    /// <summary>The draws as FsCheck prints a counterexample: the count and the non-zero draws with their positions.</summary>
    public override string ToString()
    {
        var shown = _values.Select((x, i) => (x, i)).Where(p => p.x != 0).Take(32).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.i}:{p.x}"));
        var nonZero = _values.Count(x => x != 0);
        return string.Create(CultureInfo.InvariantCulture, $"Draws({_values.Length} draws, {nonZero} non-zero: [{string.Join(", ", shown)}{(nonZero > 32 ? ", …" : "")}])");
    }

    /// <summary>A <see cref="System.Random"/> whose every method reads the next draw: <c>Next(n)</c> is the draw mod n, <c>NextDouble()</c> the draw over 2^31.</summary>
    private sealed class Reader(int[] values) : System.Random
    {
        private int _next;

        private int Draw() => _next < values.Length ? values[_next++] : 0;

        public override int Next() => Draw();

        public override int Next(int maxValue)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
            return maxValue <= 1 ? Skip(0) : Draw() % maxValue;
        }

        public override int Next(int minValue, int maxValue)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
            var range = (long)maxValue - minValue;
            return range <= 1 ? Skip(minValue) : (int)(minValue + (Draw() % range));
        }

        public override long NextInt64() => Draw();

        public override long NextInt64(long maxValue) => maxValue <= 1 ? Skip(0) : Draw() % maxValue;

        public override long NextInt64(long minValue, long maxValue) => maxValue - minValue <= 1 ? Skip(minValue) : minValue + (Draw() % (maxValue - minValue));

        public override double NextDouble() => Draw() / 2147483648.0;

        public override float NextSingle() => (float)(Draw() / 2147483648.0);

        public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

        public override void NextBytes(Span<byte> buffer)
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)Draw();
            }
        }

        protected override double Sample() => NextDouble();

        // A choice with one option still reads a draw, so that the draws after it keep their positions.
        private T Skip<T>(T value)
        {
            Draw();
            return value;
        }
    }
}
