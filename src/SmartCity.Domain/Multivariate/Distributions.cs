namespace SmartCity.Domain.Multivariate;

/// <summary>The distribution functions behind correlation p-values, as R's <c>cor.test</c> computes them.</summary>
internal static class Distributions
{
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    private static readonly double[] As89 = [0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932, 0.0879, 0.0151, 0.0072, 0.0831, 0.0131, 4.6e-4];

    private static readonly Dictionary<int, long[]> PermutationCounts = [];

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var a = Lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += Lanczos[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }

    /// <summary>The regularised incomplete beta function I_x(a, b).</summary>
    public static double IncompleteBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaFraction(x, a, b) / a
            : 1 - (front * BetaFraction(1 - x, b, a) / b);
    }

    /// <summary>The two-sided p-value of Student's t with <paramref name="df"/> degrees of freedom.</summary>
    public static double StudentTwoSided(double t, double df) =>
        double.IsNaN(t) ? double.NaN : Math.Min(1, IncompleteBeta(df / (df + (t * t)), df / 2, 0.5));

    /// <summary>P(T &gt; t) for Student's t (upper tail) or P(T ≤ t) (lower tail).</summary>
    public static double StudentTail(double t, double df, bool upper)
    {
        var half = 0.5 * IncompleteBeta(df / (df + (t * t)), df / 2, 0.5);
        return (t > 0) == upper ? half : 1 - half;
    }

    /// <summary>The standard normal distribution function Φ(x).</summary>
    public static double NormalCdf(double x) => x < 0 ? 0.5 * Erfc(-x / Math.Sqrt(2)) : 1 - (0.5 * Erfc(x / Math.Sqrt(2)));

    /// <summary>The upper tail 1 − Φ(x), accurate in the tail.</summary>
    public static double NormalUpper(double x) => x < 0 ? 1 - (0.5 * Erfc(-x / Math.Sqrt(2))) : 0.5 * Erfc(x / Math.Sqrt(2));

    /// <summary>The two-sided p-value of a Pearson correlation r over n complete pairs (t-test with n − 2 df); NaN when n &lt; 3.</summary>
    public static double PearsonPValue(double r, int n)
    {
        if (n < 3 || double.IsNaN(r))
        {
            return double.NaN;
        }

        var df = n - 2.0;
        if (Math.Abs(r) >= 1)
        {
            return 0;
        }

        return StudentTwoSided(Math.Sqrt(df) * r / Math.Sqrt(1 - (r * r)), df);
    }

    /// <summary>
    /// The two-sided p-value of a Spearman correlation as R's <c>cor.test(method = "spearman")</c>: the exact null
    /// distribution of S (AS 89: all permutations up to n = 9, its Edgeworth series above) when there are no ties and
    /// n ≤ 1290, else the t approximation.
    /// </summary>
    public static double SpearmanPValue(double rho, int n, bool ties)
    {
        if (n < 2 || double.IsNaN(rho))
        {
            return double.NaN;
        }

        var nd = (double)n;
        var q = ((nd * nd * nd) - nd) * (1 - rho) / 6;
        double p;
        if (q > ((nd * nd * nd) - nd) / 6)
        {
            p = SpearmanTail(q, n, lowerTail: false, exact: !ties);
        }
        else
        {
            p = SpearmanTail(q, n, lowerTail: true, exact: !ties);
        }

        return Math.Min(2 * p, 1);
    }

    private static double SpearmanTail(double q, int n, bool lowerTail, bool exact)
    {
        if (exact && n <= 1290)
        {
            return Prho(n, Math.Round(q, MidpointRounding.ToEven) + (lowerTail ? 2 : 0), lowerTail);
        }

        var nd = (double)n;
        var den = nd * ((nd * nd) - 1) / 6;
        var r = 1 - (q / den);
        return StudentTail(r / Math.Sqrt((1 - (r * r)) / (n - 2)), n - 2, upper: !lowerTail);
    }

    /// <summary>R's <c>prho</c> (AS 89): P(S ≥ is) (upper) or P(S &lt; is) (lower) under independence.</summary>
    private static double Prho(int n, double s, bool lowerTail)
    {
        var pv = lowerTail ? 0.0 : 1.0;
        if (n <= 1)
        {
            return double.NaN;
        }

        if (s <= 0)
        {
            return pv;
        }

        var nd = (double)n;
        var n3 = nd * ((nd * nd) - 1) / 3;
        if (s > n3)
        {
            return 1 - pv;
        }

        if (n <= 9)
        {
            var counts = Counts(n);
            long total = 0, atLeast = 0;
            for (var k = 0; k < counts.Length; k++)
            {
                total += counts[k];
                if (k >= s)
                {
                    atLeast += counts[k];
                }
            }

            if (s == n3)
            {
                atLeast = 1;
            }

            return lowerTail ? (double)(total - atLeast) / total : (double)atLeast / total;
        }

        var b = 1 / nd;
        var x = ((6 * (s - 1) * b / ((nd * nd) - 1)) - 1) * Math.Sqrt((1 / b) - 1);
        var y = x * x;
        var c = As89;
        var u = x * b * (c[0] + (b * (c[1] + (c[2] * b))) + (y * (-c[3] + (b * (c[4] + (c[5] * b))) - (y * b * (c[6] + (c[7] * b) - (y * (c[8] - (c[9] * b) + (y * b * (c[10] - (c[11] * y))))))))));
        var correction = u / Math.Exp(y / 2);
        pv = lowerTail ? -correction + NormalCdf(x) : correction + NormalUpper(x);
        return Math.Clamp(pv, 0, 1);
    }

    /// <summary>How many permutations of 1..n give each value of S = Σ(i − p(i))².</summary>
    private static long[] Counts(int n)
    {
        lock (PermutationCounts)
        {
            if (PermutationCounts.TryGetValue(n, out var cached))
            {
                return cached;
            }

            var top = n * ((n * n) - 1) / 3;
            var counts = new long[top + 1];
            var p = Enumerable.Range(1, n).ToArray();
            Permute(p, 0, counts);
            PermutationCounts[n] = counts;
            return counts;
        }
    }

    private static void Permute(int[] p, int k, long[] counts)
    {
        if (k == p.Length)
        {
            var s = 0;
            for (var i = 0; i < p.Length; i++)
            {
                var d = i + 1 - p[i];
                s += d * d;
            }

            counts[s]++;
            return;
        }

        for (var i = k; i < p.Length; i++)
        {
            (p[k], p[i]) = (p[i], p[k]);
            Permute(p, k + 1, counts);
            (p[k], p[i]) = (p[i], p[k]);
        }
    }

    private static double BetaFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300;
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - (qab * x / qap);
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 1000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return h;
    }

    /// <summary>erfc(x) for x ≥ 0, as the regularised upper incomplete gamma Q(1/2, x²).</summary>
    private static double Erfc(double x)
    {
        var a = 0.5;
        var z = x * x;
        if (z == 0)
        {
            return 1;
        }

        var lnFront = (a * Math.Log(z)) - z - LogGamma(a);
        if (z < a + 1)
        {
            // Series for P(a, z).
            var sum = 1 / a;
            var term = sum;
            for (var k = 1; k < 1000; k++)
            {
                term *= z / (a + k);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-17)
                {
                    break;
                }
            }

            return 1 - (sum * Math.Exp(lnFront));
        }

        // Continued fraction for Q(a, z) (Lentz).
        const double Tiny = 1e-300;
        var bb = z + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / bb;
        var h = d;
        for (var i = 1; i < 1000; i++)
        {
            var an = -i * (i - a);
            bb += 2;
            d = (an * d) + bb;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = bb + (an / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(lnFront) * h;
    }
}
