namespace SmartCity.Domain.Analysis;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast generator whose output is fixed by its algorithm, so a seed gives
/// the same draws on every platform and .NET version. Each replicate gets its own stream, derived from the run's seed and
/// the replicate's number, which makes parallel runs bit-identical whatever the number of threads.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public static SplitMix64 ForReplicate(ulong seed, int replicate)
    {
        var mixer = new SplitMix64(seed);
        var baseSeed = mixer.NextUInt64();
        return new SplitMix64(unchecked(baseSeed ^ (0x9E3779B97F4A7C15UL * (ulong)(replicate + 1))));
    }

    /// <summary>Returns this generator advanced by <paramref name="draws"/> draws (each draw adds one constant to the state).</summary>
    public readonly SplitMix64 Skip(ulong draws) => new(unchecked(_state + (draws * 0x9E3779B97F4A7C15UL)));

    public ulong NextUInt64()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => unchecked((NextUInt64() >> 11) * (1.0 / (1UL << 53)));

    /// <summary>A standard normal draw (Box–Muller; one draw per call, for simplicity and reproducibility).</summary>
    public double NextNormal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A Gamma(shape, 1) draw (Marsaglia and Tsang 2000; shape &lt; 1 by the boost u^(1/shape)).</summary>
    public double NextGamma(double shape)
    {
        if (shape < 1)
        {
            return NextGamma(shape + 1) * Math.Pow(1.0 - NextDouble(), 1.0 / shape);
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1.0 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = NextDouble();
            if (u < 1 - (0.0331 * x * x * x * x) || Math.Log(u) < (0.5 * x * x) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    /// <summary>A uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)(NextDouble() * n);
}
